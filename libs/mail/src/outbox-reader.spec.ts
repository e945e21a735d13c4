import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { createMailTransport } from './mail-transport';
import { notificationIdOf, readOutbox } from './outbox-reader';

describe(readOutbox.name, () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outbox-read-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads what the outbox transport wrote: subject, recipients and links, newest first, each link once', async () => {
    const transport = createMailTransport(loadConfig({ MAIL_OUTBOX_DIR: dir, MAIL_FROM: 'CRM <crm@example.com>' }));
    try {
      await transport.send({
        to: 'Maya <Maya@Example.com>',
        subject: 'Renewal: Élias ends in 30 days',
        text: `Open it: https://crm.example/app/relationships/1?tab=terms\n${'a long line '.repeat(20)}`,
        html: '<p>Open <a href="https://crm.example/app/relationships/1?tab=terms&amp;x=1">the relationship</a></p>',
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      await transport.send({ to: 'other@example.com', subject: 'Second', text: 'no links' });
    } finally {
      transport.close();
    }
    const all = await readOutbox(dir, () => true, 10);
    expect(all.map((m) => m.subject)).toEqual(['Second', 'Renewal: Élias ends in 30 days']);
    expect(all[1]).toMatchObject({
      to: ['maya@example.com'],
      from: 'CRM <crm@example.com>',
      links: ['https://crm.example/app/relationships/1?tab=terms&x=1', 'https://crm.example/app/relationships/1?tab=terms'],
    });
    expect(all[1].text).toMatch(/^Open it: https/);
    expect(all[1].date).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await readOutbox(dir, (m) => m.to.includes('maya@example.com'), 10)).map((m) => m.subject)).toEqual([
      'Renewal: Élias ends in 30 days',
    ]);
    expect(await readOutbox(dir, () => true, 1)).toHaveLength(1);
  });

  it('reads only regular .eml files inside the directory: no symbolic link, subdirectory or other file; none when it does not exist', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'outside-'));
    try {
      await writeFile(join(outside, 'secret.eml'), 'To: a@example.com\nSubject: outside\n\nhttps://outside.example/');
      await symlink(join(outside, 'secret.eml'), join(dir, 'link.eml'));
      await mkdir(join(dir, 'sub.eml'));
      await writeFile(join(dir, 'notes.txt'), 'To: a@example.com\nSubject: not mail\n\n');
      await writeFile(join(dir, '2026-01-01-a.eml'), 'To: a@example.com\r\nSubject: =?UTF-8?Q?caf=C3=A9?=\r\n\r\nhttps://x.example/a');
      expect((await readOutbox(dir, () => true, 10)).map((m) => [m.file, m.subject, m.links])).toEqual([
        ['2026-01-01-a.eml', 'café', ['https://x.example/a']],
      ]);
      expect(await readOutbox(join(dir, 'missing'), () => true, 10)).toEqual([]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('names the notification a file holds from its name, as the outbox transport writes it', async () => {
    const id = '0b9a3c4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
    const transport = createMailTransport(loadConfig({ MAIL_OUTBOX_DIR: dir }));
    try {
      await transport.send({ to: 'a@example.com', subject: 'x', text: 'y', messageId: `<notification-${id}@example.com>` });
    } finally {
      transport.close();
    }
    const [message] = await readOutbox(dir, () => true, 1);
    expect(notificationIdOf(message.file)).toBe(id);
    expect(notificationIdOf('2026-01-01-abc@example.com.eml')).toBeUndefined();
  });
});
