import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationRow, NotificationSender, NotificationsService } from '@app/notifications';
import { JobQueue, QueueName } from '@app/queue';
import {
  contractCalls,
  createTestApp,
  relationshipFixture,
  Session,
  signup,
  SmtpSink,
  smtpScripts,
  startSmtpSink,
  TestApp,
  waitFor,
} from './support';
import { createWorkerApp } from '../apps/worker/src/worker.setup';

describe('notifications.send (e2e: real SMTP server, Redis, PostgreSQL)', () => {
  let t: TestApp;
  let owner: Session;
  let sink: SmtpSink;
  let worker: INestApplicationContext;
  let contractId: string;
  let influencerEmail: string;
  let offset = 0;
  const db = () => t.app.get(DataSource);
  const row = async (id: string): Promise<NotificationRow & { claimedAt: Date | null }> =>
    (
      await db().query(
        `SELECT status, late, attempts, error, message_id AS "messageId", subject_line AS "subjectLine", sent_at AS "sentAt", claimed_at AS "claimedAt" FROM notifications WHERE id = $1`,
        [id],
      )
    )[0];
  const insert = async (
    fields: { status?: string; late?: boolean; recipients?: string[]; audience?: string; subjectId?: string } = {},
  ): Promise<string> =>
    (
      await db().query(
        `INSERT INTO notifications (workspace_id, kind, subject_type, subject_id, offset_days, recipients, status, late, due_at, audience)
       VALUES ($1, 'renewal_upcoming', 'contract', $2, $3, $4, $5, $6, now(), $7) RETURNING id`,
        [
          owner.workspaceId,
          fields.subjectId ?? contractId,
          ++offset,
          fields.recipients ?? [owner.email],
          fields.status ?? 'scheduled',
          fields.late ?? false,
          fields.audience ?? 'managers',
        ],
      )
    )[0].id;
  const settled = (id: string, status = 'sent') => waitFor(async () => (await row(id)).status === status, 15_000);

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp();
    owner = await signup(t.http);
    worker = await createWorkerApp({ ...t.env, SMTP_URL: sink.url, JOB_BACKOFF_MS: '50' }, { abortOnError: false });
    const relationship = await relationshipFixture(t.http, owner, { name: 'Acme <b>&"Co"', timezone: 'Asia/Tokyo', currency: 'JPY' });
    influencerEmail = (await db().query(`SELECT email FROM influencers WHERE id = $1`, [relationship.influencerId]))[0].email;
    contractId = (
      await contractCalls(t.http, owner).draft(relationship.id, {
        retainerMonthly: '150000',
        feePerDeliverable: '20000',
        endDate: '2026-06-30',
      })
    ).id;
  });
  beforeEach(() => sink.reset());
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await sink?.close();
  });

  it('sends one email with subject, plain text and escaped HTML, and marks the row sent; five enqueues still send once', async () => {
    const id = await insert({ status: 'late', late: true });
    const service = worker.get(NotificationsService);
    await Promise.all([1, 2, 3, 4, 5].map(() => service.enqueueSend([id, id])));
    await settled(id);

    const [mail] = sink.messages;
    expect(sink.messages).toHaveLength(1);
    expect(mail.to).toEqual([owner.email.toLowerCase()]);
    // The days are counted at send time (this worker runs on the real clock), whatever the row's nominal offset.
    expect(mail.subject).toMatch(/^Contract ended \d+ days ago \(30 Jun 2026\): Creator \w+ × Acme <b>&"Co"$/);
    expect(mail.text).toContain('ends on 30 Jun 2026');
    expect(mail.text).toContain('retainer 150000 JPY a month');
    // The action link opens the console on the relationship's terms (docs/reminders.md#links-in-emails), not a /v1 route a browser cannot open.
    expect(mail.text).toMatch(/Open the contract: http:\/\/localhost:3000\/app\/relationships\/[\da-f-]{36}\?tab=terms\n/);
    expect(mail.html).toContain('Acme &lt;b&gt;&amp;&quot;Co&quot;');
    expect(mail.html).not.toContain('<b>&');
    expect(mail.headers['list-unsubscribe']).toBeUndefined();
    const after = await row(id);
    expect(after).toMatchObject({ status: 'sent', late: true, attempts: 1, error: null, subjectLine: mail.subject, claimedAt: null });
    expect(after.messageId).toBe(mail.headers['message-id']);

    // Enqueued again once the job is gone (or never was): the row is final, nothing is sent.
    await worker.get(JobQueue).queue(QueueName.Notifications).remove(`notification-${id}`);
    await service.enqueueSend([id]);
    await waitFor(
      async () => (await worker.get(JobQueue).queue(QueueName.Notifications).getJobState(`notification-${id}`)) === 'completed',
    );
    expect(sink.messages).toHaveLength(1);
  });

  it("List-Unsubscribe follows the row's audience and kind: a contract notice to the influencer says why it has none, the managers' has none", async () => {
    const ids = [
      await insert({ audience: 'influencer', recipients: [influencerEmail] }),
      await insert({ recipients: [owner.email, influencerEmail] }),
    ];
    await worker.get(NotificationsService).enqueueSend(ids);
    for (const id of ids) await settled(id);
    const messageIds = await Promise.all(ids.map(async (id) => (await row(id)).messageId));
    const [toInfluencer, toManagers] = messageIds.map((messageId) => sink.messages.find((m) => m.headers['message-id'] === messageId)!);
    expect(toInfluencer.to).toEqual([influencerEmail.toLowerCase()]);
    // Only reminders can be unsubscribed from (UNSUBSCRIBABLE_KINDS; a reminder's header: notifications-unsubscribe.e2e-spec.ts).
    expect(toInfluencer.headers['list-unsubscribe']).toBeUndefined();
    expect(toInfluencer.text).toContain('This notice is about your contract with');
    expect(toManagers.to).toEqual([owner.email, influencerEmail].map((e) => e.toLowerCase()));
    expect(toManagers.headers['list-unsubscribe']).toBeUndefined();
    expect(toManagers.text).not.toContain('Unsubscribe');
  });

  it('skips a row whose subject is gone or belongs to another workspace, without an email', async () => {
    const other = await signup(t.http);
    const foreign = (await contractCalls(t.http, other).draft((await relationshipFixture(t.http, other)).id)).id;
    const ids = [await insert({ subjectId: '00000000-0000-4000-8000-000000000000' }), await insert({ subjectId: foreign })];
    await worker.get(NotificationsService).enqueueSend(ids);
    for (const id of ids) await settled(id, 'skipped');
    expect(sink.messages).toHaveLength(0);
    expect((await row(ids[1])).error).toBe(`contract ${foreign} no longer exists`);
  });

  it('two workers on the same queue send each row once', async () => {
    const second = await createWorkerApp({ ...t.env, SMTP_URL: sink.url, JOB_BACKOFF_MS: '50' }, { abortOnError: false });
    try {
      const ids = await Promise.all(Array.from({ length: 12 }, () => insert()));
      await Promise.all([worker, second].map((app) => app.get(NotificationsService).enqueueSend(ids)));
      await waitFor(
        async () =>
          (await db().query(`SELECT count(*)::int AS n FROM notifications WHERE id = ANY($1) AND status = 'sent'`, [ids]))[0].n ===
          ids.length,
        20_000,
      );
      expect(sink.messages).toHaveLength(ids.length);

      // Past BullMQ's job-id dedupe: both handlers race on one row, the claim lets one through. The slow
      // server keeps the winner's claim live while the other looks, whatever else either worker is busy with.
      const id = await insert();
      sink.delay(500);
      const job = (n: number) =>
        ({ id: `race-${n}`, attemptsMade: 0, opts: { attempts: 8 }, token: 't', moveToDelayed: jest.fn() }) as never;
      const outcomes = await Promise.allSettled(
        [worker, second].map((app, n) => app.get(NotificationSender).send({ notificationId: id }, job(n))),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(sink.messages).toHaveLength(ids.length + 1);
    } finally {
      await second.close();
    }
  });

  it('retries 421 with backoff and sends once; attempts are recorded', async () => {
    sink.script(smtpScripts.failFirst(2, 421));
    const id = await insert();
    await worker.get(NotificationsService).enqueueSend([id]);
    await settled(id);
    expect(sink.messages).toHaveLength(1);
    expect(sink.attempts()).toBe(3);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 3, error: null });
  });

  it('marks 550 failed with the reason after one delivery attempt, without retrying', async () => {
    sink.script(smtpScripts.always(550));
    const id = await insert();
    await worker.get(NotificationsService).enqueueSend([id]);
    await settled(id, 'failed');
    await waitFor(
      async () => (await worker.get(JobQueue).queue(QueueName.Notifications).getJobState(`notification-${id}`)) === 'completed',
    );
    expect(sink.attempts()).toBe(1);
    expect(sink.messages).toHaveLength(0);
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 1, sentAt: null });
    expect((await row(id)).error).toMatch(/550.*Mailbox unavailable/);
  });

  it('resends a row whose sender died after its lease expired, and waits for a live claim instead of sending twice', async () => {
    const crashed = await insert();
    await db().query(
      `UPDATE notifications SET claimed_at = now() - interval '16 minutes', claimed_by = 'dead-worker', attempts = 1 WHERE id = $1`,
      [crashed],
    );
    const live = await insert();
    await db().query(`UPDATE notifications SET claimed_at = now(), claimed_by = 'busy-worker', attempts = 1 WHERE id = $1`, [live]);
    await worker.get(NotificationsService).enqueueSend([crashed, live]);

    await settled(crashed);
    expect(await row(crashed)).toMatchObject({ attempts: 2 });
    const queue = worker.get(JobQueue).queue(QueueName.Notifications);
    await waitFor(async () => (await queue.getJobState(`notification-${live}`)) === 'delayed');
    expect(await row(live)).toMatchObject({ status: 'scheduled', attempts: 1 });
    expect(sink.messages).toHaveLength(1);
  });

  it('sends a row stranded by a crash before its enqueue once requeued, and leaves fresh or claimed rows alone', async () => {
    const stranded = await insert();
    const fresh = await insert();
    const claimed = await insert();
    await db().query(`UPDATE notifications SET created_at = now() - interval '1 hour' WHERE id = ANY($1)`, [[stranded, claimed]]);
    await db().query(`UPDATE notifications SET claimed_at = now() - interval '1 minute', claimed_by = 'other' WHERE id = $1`, [claimed]);
    expect(await worker.get(NotificationsService).requeueStranded()).toBe(1);
    await settled(stranded);
    expect(sink.messages).toHaveLength(1);
    expect((await row(fresh)).status).toBe('scheduled');
    expect((await row(claimed)).status).toBe('scheduled');
  });
});
