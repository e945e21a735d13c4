import { INestApplicationContext } from '@nestjs/common';
import { Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { NotificationsService } from '@app/notifications';
import { JobName, JobQueue, QueueName, redisOptionsFromUrl } from '@app/queue';
import { contractCalls, createTestApp, relationshipFixture, Session, signup, SmtpSink, startSmtpSink, TestApp, waitFor } from './support';
import { createWorkerApp } from '../apps/worker/src/worker.setup';

/**
 * A send job that spent its attempts while PostgreSQL was down leaves a failed job under the row's
 * deterministic id (kept 7 days) and the row pending: re-adding that id is a no-op, so requeueStranded
 * must retry the failed job itself.
 */
describe('requeueStranded revives failed send jobs (e2e: real Redis, PostgreSQL, SMTP)', () => {
  let t: TestApp;
  let owner: Session;
  let sink: SmtpSink;
  let worker: INestApplicationContext | undefined;
  let contractId: string;
  const db = () => t.app.get(DataSource);
  const queue = () => t.app.get(JobQueue).queue(QueueName.Notifications);
  const status = async (id: string): Promise<string> =>
    (await db().query(`SELECT status FROM notifications WHERE id = $1`, [id]))[0].status;
  const insertStranded = async (offsetDays: number): Promise<string> =>
    (
      await db().query(
        `INSERT INTO notifications (workspace_id, kind, subject_type, subject_id, offset_days, audience, recipients, status, due_at, created_at)
       VALUES ($1, 'renewal_upcoming', 'contract', $2, $3, 'managers', $4, 'scheduled', now(), now() - interval '1 hour') RETURNING id`,
        [owner.workspaceId, contractId, offsetDays, [owner.email]],
      )
    )[0].id;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url, JOB_BACKOFF_MS: '50' });
    owner = await signup(t.http);
    const relationship = await relationshipFixture(t.http, owner);
    contractId = (await contractCalls(t.http, owner).draft(relationship.id, { endDate: '2026-06-30' })).id;
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await sink?.close();
  });

  it('retries the failed job with fresh attempts and sends the row once; a live job is left alone', async () => {
    const failedRow = await insertStranded(1);
    const waitingRow = await insertStranded(2);
    // No worker of the app runs yet: a stand-in fails the first job the way a send does while PostgreSQL is down.
    const outage = new Worker(QueueName.Notifications, async () => Promise.reject(new Error('Connection terminated unexpectedly')), {
      connection: redisOptionsFromUrl(t.env.REDIS_URL),
      prefix: t.env.QUEUE_PREFIX,
    });
    try {
      await t.app
        .get(JobQueue)
        .add(
          { name: JobName.NotificationsSend, data: { notificationId: failedRow } },
          { attempts: 2, backoff: { type: 'fixed', delay: 10 } },
        );
      await waitFor(async () => (await queue().getJobState(`notification-${failedRow}`)) === 'failed');
    } finally {
      await outage.close();
    }
    await t.app.get(JobQueue).add({ name: JobName.NotificationsSend, data: { notificationId: waitingRow } });
    // What requeueStranded did before: the failed id swallows the add.
    await t.app.get(NotificationsService).enqueueSend([failedRow]);
    expect(await queue().getJobState(`notification-${failedRow}`)).toBe('failed');

    expect(await t.app.get(NotificationsService).requeueStranded()).toBe(2);
    const revived = await queue().getJob(`notification-${failedRow}`);
    expect([await revived?.getState(), revived?.attemptsMade]).toEqual(['waiting', 0]);
    expect(await queue().getJobCounts('waiting', 'failed')).toEqual({ waiting: 2, failed: 0 });

    worker = await createWorkerApp({ ...t.env }, { abortOnError: false });
    await waitFor(async () => (await status(failedRow)) === 'sent' && (await status(waitingRow)) === 'sent', 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([failedRow, waitingRow].map((id) => sink.messages.filter((m) => m.headers['message-id']?.includes(id)).length)).toEqual([1, 1]);
    expect(sink.messages).toHaveLength(2);
  });
});
