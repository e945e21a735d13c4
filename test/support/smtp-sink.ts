import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface DeliveredMessage {
  /** Envelope recipients (RCPT TO), lower-cased. */
  to: string[];
  /** Header names lower-cased, folded lines joined; the last occurrence wins. */
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
  /** Parts sent as attachments (Content-Disposition: attachment), decoded as UTF-8 text. */
  attachments: { filename: string; contentType: string; content: string }[];
  raw: string;
}

/** What the server answers at the end of DATA, for the n-th attempt (1-based); undefined accepts. */
export type SmtpScript = (attempt: number) => { code: number; message: string } | undefined;

export const smtpScripts = {
  accept: (): SmtpScript => () => undefined,
  /** The first `times` attempts get `code` (421: try again later), later ones are accepted. */
  failFirst:
    (times: number, code = 421): SmtpScript =>
    (n) =>
      n <= times ? { code, message: `${code} Try again later` } : undefined,
  always:
    (code = 550, message = `${code} 5.1.1 Mailbox unavailable`): SmtpScript =>
    () => ({ code, message }),
};

export interface SmtpSink {
  url: string;
  messages: DeliveredMessage[];
  /** Every DATA the server received, accepted or refused. */
  attempts: () => number;
  script: (next: SmtpScript) => void;
  /**
   * A slow server: waits `ms` between the end of DATA and its answer. The message is kept when the answer
   * is given, even if the client has gone meanwhile, as a server that accepted it delivers it.
   */
  delay: (ms: number) => void;
  reset: () => void;
  /**
   * Socket errors of clients that died inside a mail transaction (a SIGKILLed worker resets its socket mid-DATA).
   * smtp-server emits them as server errors: kept here, since one with no listener would crash the test process.
   */
  clientErrors: NodeJS.ErrnoException[];
  close: () => Promise<void>;
}

/** A real SMTP server in-process on a free port (no TLS, no auth) that keeps what it accepts. */
export async function startSmtpSink(script: SmtpScript = smtpScripts.accept()): Promise<SmtpSink> {
  const messages: DeliveredMessage[] = [];
  let attempts = 0;
  let current = script;
  let delayMs = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const answer = () => {
          const refusal = current(++attempts);
          if (refusal) return callback(Object.assign(new Error(refusal.message.replace(/^\d{3} /, '')), { responseCode: refusal.code }));
          messages.push(
            parseMessage(
              Buffer.concat(chunks).toString('utf8'),
              session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            ),
          );
          callback();
        };
        if (delayMs > 0) setTimeout(answer, delayMs);
        else answer();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const clientErrors: NodeJS.ErrnoException[] = [];
  server.on('error', (error: NodeJS.ErrnoException) => clientErrors.push(error));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    attempts: () => attempts,
    script: (next) => (current = next),
    delay: (ms) => (delayMs = ms),
    reset: () => {
      messages.length = 0;
      attempts = 0;
      delayMs = 0;
      current = smtpScripts.accept();
      clientErrors.length = 0;
    },
    clientErrors,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function splitHead(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}

/** RFC 2047 encoded words in a header (`=?UTF-8?Q?...?=` / `=?UTF-8?B?...?=`). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?[^?]+\?([QB])\?([^?]*)\?=/gi, (_, mode: string, data: string) =>
      mode.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeBody({ 'content-transfer-encoding': 'quoted-printable' }, data.replace(/_/g, ' ')),
    );
}

/** Minimal MIME: headers, the text/plain and text/html parts and the attachments (nested multiparts included). */
export function parseMessage(raw: string, to: string[] = []): DeliveredMessage {
  const { headers, body } = splitHead(raw);
  const parts: Record<string, string> = {};
  const attachments: DeliveredMessage['attachments'] = [];
  const walk = (h: Record<string, string>, b: string) => {
    const type = (h['content-type'] ?? 'text/plain').toLowerCase();
    const boundary = /boundary="?([^";]+)"?/i.exec(h['content-type'] ?? '')?.[1];
    if (type.startsWith('multipart/') && boundary) {
      for (const chunk of b.split(`--${boundary}`).slice(1)) {
        if (chunk.startsWith('--')) break;
        const part = splitHead(chunk.replace(/^\r?\n/, ''));
        walk(part.headers, part.body);
      }
    } else if (/^attachment/i.test(h['content-disposition'] ?? '')) {
      const filename = /filename="?([^";]+)"?/i.exec(h['content-disposition'])?.[1] ?? '';
      attachments.push({ filename, contentType: type.split(';')[0], content: decodeBody(h, b) });
    } else {
      const key = type.startsWith('text/html') ? 'html' : type.startsWith('text/plain') ? 'text' : undefined;
      if (key && parts[key] === undefined) parts[key] = decodeBody(h, b).replace(/\r\n/g, '\n').trimEnd();
    }
  };
  walk(headers, body);
  return { to, headers, subject: decodeWords(headers.subject ?? ''), text: parts.text ?? '', html: parts.html ?? '', attachments, raw };
}
