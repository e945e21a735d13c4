import { lstat, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type AddressObject, simpleParser } from 'mailparser';

/** One message of the zero-config outbox, as the console lists it. */
export interface OutboxMessage {
  /** The file name (never a path): `<ISO time>-<message id>.eml`. */
  file: string;
  date: string | null;
  from: string;
  to: string[];
  subject: string;
  /** http(s) links of the message, in order, each once. */
  links: string[];
  /** The text part (or the HTML with its tags removed), for reading the message in place. */
  text: string;
}

/** Bigger files are not ours (the outbox transport writes rendered notifications of a few KB). */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/** The .eml file names of `dir`, newest first (names start with the time they were written); none when it does not exist. */
export async function outboxFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names
    .filter((n) => /^[\w.-]+\.eml$/.test(n))
    .sort()
    .reverse();
}

/** The notification a file holds, from its name: the outbox names files after the Message-ID, `<notification-<id>@host>`. */
export function notificationIdOf(file: string): string | undefined {
  return /notification-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(file)?.[1];
}

/**
 * The newest `limit` messages of `dir` that `accept` keeps, parsed. Only regular files directly in `dir`
 * whose name ends in .eml: a symbolic link or a subdirectory is skipped, so the listing never reads
 * outside the outbox.
 */
export async function readOutbox(dir: string, accept: (message: OutboxMessage) => boolean, limit: number): Promise<OutboxMessage[]> {
  const out: OutboxMessage[] = [];
  for (const name of await outboxFiles(dir)) {
    if (out.length >= limit) break;
    const path = join(dir, name);
    const stat = await lstat(path);
    if (!stat.isFile() || stat.size > MAX_MESSAGE_BYTES) continue;
    const file = await open(path, 'r');
    const raw = await file.readFile().finally(() => file.close());
    const message = { file: name, ...(await parseMessage(raw)) };
    if (accept(message)) out.push(message);
  }
  return out;
}

const unescapeHref = (href: string) =>
  href
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');

const addressesOf = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) =>
    a.value.flatMap((v) => (v.address ? [v.address.toLowerCase()] : [])),
  );

/** The fields the console shows, through mailparser: headers and encoded words decoded, the text part or the HTML as text. */
export async function parseMessage(raw: Buffer | string): Promise<Omit<OutboxMessage, 'file'>> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const html = parsed.html || '';
  const hrefs = [...html.matchAll(/href="(https?:\/\/[^"]+)"/gi)].map((m) => unescapeHref(m[1]));
  const bare = [...(parsed.text ?? '').matchAll(/https?:\/\/[^\s<>"')\]]+/g)].map((m) => m[0]);
  return {
    date: parsed.date ? parsed.date.toISOString() : null,
    from: (parsed.from?.value ?? []).map((v) => (v.name ? `${v.name} <${v.address ?? ''}>` : (v.address ?? ''))).join(', '),
    to: addressesOf(parsed.to),
    subject: parsed.subject ?? '',
    links: [...new Set([...hrefs, ...bare])],
    text: (parsed.text ?? '').trim(),
  };
}
