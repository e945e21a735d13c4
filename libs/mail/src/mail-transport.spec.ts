import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { createMailTransport } from './mail-transport';

describe(createMailTransport.name, () => {
  it('writes one .eml per message to the outbox when no SMTP server is configured', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outbox-'));
    const transport = createMailTransport(loadConfig({ MAIL_OUTBOX_DIR: dir, MAIL_FROM: 'CRM <crm@example.com>' }));
    try {
      const sent = await transport.send({ to: 'manager@example.com', subject: 'Renewal in 30 days', text: 'plain', html: '<p>html</p>' });
      const files = await readdir(dir);
      expect(files).toHaveLength(1);
      const eml = await readFile(join(dir, files[0]), 'utf8');
      expect(eml).toContain('Subject: Renewal in 30 days');
      expect(eml).toContain('From: CRM <crm@example.com>');
      expect(eml).toContain(`Message-ID: ${sent.messageId}`);
      expect(eml).toMatch(/multipart\/alternative/);
    } finally {
      transport.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
