import { ChildProcess, spawn } from 'node:child_process';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { builtEntry, contractCalls, relationshipFixture, SmtpSink, startSmtpSink, useTestApp, waitFor } from './support';

jest.setTimeout(120_000);

/** A zone where it is between 10:00 and 20:00 now, so today's 09:00 reminder moment has come. */
function zonePastNine(): string {
  const zones = [
    'Pacific/Kiritimati',
    'Pacific/Auckland',
    'Asia/Tokyo',
    'Asia/Kolkata',
    'Europe/Paris',
    'UTC',
    'America/New_York',
    'America/Los_Angeles',
    'Pacific/Honolulu',
  ];
  const zone = zones.find((z) => DateTime.now().setZone(z).hour >= 10 && DateTime.now().setZone(z).hour < 20);
  if (!zone) throw new Error('no candidate zone is between 10:00 and 20:00 now');
  return zone;
}

/**
 * Two real worker processes (the built app, as operators run it) start together: both run every scan at
 * start and both consume the send queue. Every notification row must be sent exactly once.
 */
describe('two worker processes (e2e: built workers, Redis, PostgreSQL, SMTP)', () => {
  const ctx = useTestApp();
  let sink: SmtpSink;
  const workers: ChildProcess[] = [];
  afterAll(async () => {
    await Promise.all(
      workers.map((w) => new Promise((resolve) => (w.exitCode !== null ? resolve(null) : (w.once('exit', resolve), w.kill('SIGTERM'))))),
    );
    await sink?.close();
  });

  it('sends each reminder once while both scan and send at the same time', async () => {
    sink = await startSmtpSink();
    const zone = zonePastNine();
    const today = DateTime.now().setZone(zone).startOf('day');
    const calls = contractCalls(ctx.t.http, ctx.owner);
    for (let i = 0; i < 6; i++) {
      const relationship = await relationshipFixture(ctx.t.http, ctx.owner, { timezone: zone });
      const draft = await calls.draft(relationship.id, {
        startDate: today.minus({ days: 60 }).toISODate(),
        endDate: today.plus({ days: 30 }).toISODate(),
        reminderDaysBefore: [30],
        deliverablePlan: [],
      });
      expect((await calls.act(draft.id, 'activate')).status).toBe(200);
    }

    const env = {
      PATH: process.env.PATH ?? '',
      ...ctx.t.env,
      SMTP_URL: sink.url,
      JOB_BACKOFF_MS: '50',
      MAIL_RATE_PER_SECOND: '1000',
      LOG_LEVEL: 'warn',
    };
    for (let i = 0; i < 2; i++)
      workers.push(spawn(process.execPath, [builtEntry('worker')], { env, stdio: ['ignore', 'ignore', 'inherit'] }));

    const db = ctx.t.app.get(DataSource);
    const rows = async (): Promise<{ kind: string; status: string }[]> =>
      db.query(`SELECT kind, status FROM notifications WHERE workspace_id = $1`, [ctx.owner.workspaceId]);
    await waitFor(async () => (await rows()).filter((r) => r.kind === 'renewal_upcoming' && r.status === 'sent').length === 6, 60_000, 200);
    await waitFor(async () => (await rows()).every((r) => !['scheduled', 'late'].includes(r.status)), 30_000, 200);
    // Give a duplicate, if there were one, time to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const sent = (await rows()).filter((r) => r.status === 'sent').length;
    const ids = sink.messages.map((m) => m.headers['message-id']);
    expect(sink.messages).toHaveLength(sent);
    expect(new Set(ids).size).toBe(ids.length);
    expect(workers.every((w) => w.exitCode === null)).toBe(true);
  });
});
