import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationsService } from '@app/notifications';
import { JobSchedules } from '../apps/worker/src/job-schedules';
import {
  createTestApp,
  createTestWorker,
  notificationFixture,
  Session,
  signup,
  SmtpSink,
  startSmtpSink,
  TestApp,
  waitFor,
} from './support';

const BURST = 150;

describe('fair sending across workspaces (e2e: real Redis queue, worker, SMTP sink)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let worker: INestApplicationContext | undefined;
  const db = () => t.app.get(DataSource);

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url, MAIL_RATE_PER_SECOND: '10000' });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await sink?.close();
  });

  /** `count` pending reminder rows of one contract of the workspace, enqueued as a scan enqueues them. */
  async function backlog(s: Session, count: number): Promise<string[]> {
    const first = await notificationFixture(t.http, s, t.databaseUrl, { recipients: [s.email] });
    const more = (await db().query(
      `INSERT INTO notifications (workspace_id, kind, subject_type, subject_id, offset_days, audience, recipients, status, due_at)
       SELECT workspace_id, kind, subject_type, subject_id, 1000 + g, audience, recipients, status, due_at
         FROM notifications, generate_series(1, $2) g WHERE id = $1 RETURNING id`,
      [first, count - 1],
    )) as { id: string }[];
    const ids = [first, ...more.map((r) => r.id)];
    await t.app.get(NotificationsService).enqueueSend(ids);
    return ids;
  }

  it("a workspace's single email goes out near the front while another has hundreds queued before it", async () => {
    const busy = await signup(t.http);
    const quiet = await signup(t.http);
    await backlog(busy, BURST);
    await backlog(quiet, 1);
    // Everything is queued before any worker runs: the order below is the queue's, not a race with the enqueueing.
    worker = await createTestWorker(t.env, (b) => b.overrideProvider(JobSchedules).useValue({}));
    await waitFor(() => sink.messages.length === BURST + 1, 60_000);

    const position = sink.messages.findIndex((m) => m.to.includes(quiet.email));
    // Up to the worker's concurrency (5) of the busy workspace may be taken before the quiet one's job, and
    // its first email (the same rank) was queued earlier; first in line after those, not behind the other 149.
    expect(position).toBeLessThanOrEqual(6);
    expect(sink.messages.filter((m) => m.to.includes(busy.email))).toHaveLength(BURST);
  }, 90_000);
});
