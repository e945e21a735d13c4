import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { SendMailOptions, Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { AppConfig } from '@app/config';

export interface SentMail {
  messageId: string;
  /** Where the message went: the SMTP server's answer, or the .eml file written. */
  response: string;
}

export interface MailTransport {
  send(message: SendMailOptions): Promise<SentMail>;
  close(): void;
}

/** SMTP when SMTP_URL is set (pooled: one connection reused across messages); else one .eml file per message. */
export function createMailTransport(config: AppConfig): MailTransport {
  return config.SMTP_URL ? smtpTransport(config.SMTP_URL, config.MAIL_FROM) : outboxTransport(config.MAIL_OUTBOX_DIR, config.MAIL_FROM);
}

function smtpTransport(url: string, from: string): MailTransport {
  const smtpUrl = new URL(url);
  smtpUrl.searchParams.set('pool', 'true');
  const transporter: Transporter = nodemailer.createTransport(smtpUrl.toString());
  return {
    async send(message) {
      // Built in memory and handed over as one buffer: streamed, the MIME parts reach the socket as a write per
      // chunk, a system call each, which cost the worker more CPU than building the message did.
      const mime = new MailComposer({ from, ...message }).compile();
      const info = await transporter.sendMail({ raw: await mime.build(), envelope: mime.getEnvelope() });
      return { messageId: mime.messageId(), response: String(info.response) };
    },
    close: () => transporter.close(),
  };
}

function outboxTransport(dir: string, from: string): MailTransport {
  const transporter: Transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transporter.sendMail({ from, ...message });
      await mkdir(dir, { recursive: true });
      const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^\w.-]/g, '')}.eml`);
      await writeFile(file, info.message as Buffer);
      return { messageId: info.messageId, response: `written to ${file}` };
    },
    close: () => transporter.close(),
  };
}
