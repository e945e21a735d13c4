import { lstat, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

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
    const raw = await file.readFile('utf8').finally(() => file.close());
    const message = { file: name, ...parseMessage(raw) };
    if (accept(message)) out.push(message);
  }
  return out;
}

type Headers = Map<string, string>;

function splitHead(raw: string): { headers: Headers; body: string } {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end < 0 ? raw : raw.slice(0, end);
  const body = end < 0 ? '' : raw.slice(end).replace(/^\r?\n\r?\n/, '');
  const headers: Headers = new Map();
  // Folded lines (starting with white space) continue the previous header (RFC 5322 §2.2.3).
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`), as nodemailer writes non-ASCII subjects and names. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, charset: string, encoding: string, text: string) => {
      const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : quotedPrintableBytes(text.replace(/_/g, ' '));
      return new TextDecoder(charset.toLowerCase()).decode(bytes);
    });
}

function quotedPrintableBytes(text: string): Buffer {
  const bytes: number[] = [];
  const src = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(src.slice(i + 1, i + 3))) {
      bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(src[i], 'utf8'));
  }
  return Buffer.from(bytes);
}

function decodeBody(headers: Headers, body: string): string {
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const charset = /charset="?([\w-]+)"?/i.exec(headers.get('content-type') ?? '')?.[1] ?? 'utf-8';
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? quotedPrintableBytes(body)
        : Buffer.from(body, 'utf8');
  return new TextDecoder(charset.toLowerCase()).decode(bytes);
}

/** The text/plain and text/html parts of a message, through nested multiparts. */
function textParts(headers: Headers, body: string): { plain: string[]; html: string[] } {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const found = { plain: [] as string[], html: [] as string[] };
    const parts = body.split(`--${boundary}`).slice(1);
    for (const part of parts) {
      if (part.startsWith('--')) break;
      const inner = splitHead(part.replace(/^\r?\n/, ''));
      const sub = textParts(inner.headers, inner.body);
      found.plain.push(...sub.plain);
      found.html.push(...sub.html);
    }
    return found;
  }
  if (/^text\/html/i.test(type)) return { plain: [], html: [decodeBody(headers, body)] };
  if (/^text\//i.test(type)) return { plain: [decodeBody(headers, body)], html: [] };
  return { plain: [], html: [] };
}

const unescapeHtml = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

const addresses = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((a) => (/<([^>]+)>/.exec(a)?.[1] ?? a).trim().toLowerCase())
    .filter(Boolean);

export function parseMessage(raw: string): Omit<OutboxMessage, 'file'> {
  const { headers, body } = splitHead(raw);
  const { plain, html } = textParts(headers, body);
  const hrefs = html.flatMap((h) => [...h.matchAll(/href="(https?:\/\/[^"]+)"/gi)].map((m) => unescapeHtml(m[1])));
  const bare = plain.flatMap((p) => [...p.matchAll(/https?:\/\/[^\s<>"')\]]+/g)].map((m) => m[0]));
  const text =
    plain.join('\n').trim() ||
    unescapeHtml(
      html
        .join('\n')
        .replace(/<(style|script)[\s\S]*?<\/\1>/gi, '')
        .replace(/<[^>]+>/g, ' '),
    )
      .replace(/[ \t]+/g, ' ')
      .trim();
  const date = headers.get('date');
  return {
    date: date && !Number.isNaN(Date.parse(date)) ? new Date(date).toISOString() : null,
    from: decodeWords(headers.get('from') ?? ''),
    to: addresses(headers.get('to')),
    subject: decodeWords(headers.get('subject') ?? ''),
    links: [...new Set([...hrefs, ...bare])],
    text,
  };
}
