import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
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
  let parsing = Promise.resolve();
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
          // Parsed in arrival order, so `messages` keeps the order the server accepted them in.
          const envelope = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          parsing = parsing
            .then(() => parseMessage(Buffer.concat(chunks), envelope))
            .then((message) => {
              messages.push(message);
              callback();
            }, callback);
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

/** The message as a test reads it, parsed by mailparser: raw header values (folded lines joined), text, HTML and attachments. */
export async function parseMessage(raw: Buffer, to: string[] = []): Promise<DeliveredMessage> {
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines)
    headers[key] = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  return {
    to,
    headers,
    subject: parsed.subject ?? '',
    text: (parsed.text ?? '').replace(/\r\n/g, '\n').trimEnd(),
    html: parsed.html ? parsed.html.replace(/\r\n/g, '\n').trimEnd() : '',
    attachments: parsed.attachments
      .filter((a) => a.contentDisposition === 'attachment')
      .map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content.toString('utf8') })),
    raw: raw.toString('utf8'),
  };
}
