import { JobName } from '@app/queue';
import { contractCalls, relationshipFixture, useTestWorker } from './support';

interface Row {
  kind: string;
  offset: number;
  status: string;
  late: boolean;
  dueAt: string;
  recipients: string[];
}

describe('renewals.scan (e2e: real PostgreSQL and Redis, FixedClock)', () => {
  const ctx = useTestWorker('2026-06-01T12:00:00Z');
  const api = () => contractCalls(ctx.t.http, ctx.owner);

  /** An active contract of a new brand in `timezone`. */
  async function activeContract(timezone: string, overrides: Record<string, unknown>): Promise<string> {
    const r = await relationshipFixture(ctx.t.http, ctx.owner, { timezone });
    const contract = await api().draft(r.id, { startDate: '2026-01-01', ...overrides });
    await api().act(contract.id, 'activate').expect(200);
    return contract.id;
  }

  async function rows(contractId: string): Promise<Row[]> {
    const found: (Row & { dueAt: Date })[] = await ctx
      .db()
      .query(
        `SELECT kind, offset_days AS "offset", status, late, due_at AS "dueAt", recipients FROM notifications WHERE subject_id = $1 ORDER BY due_at, kind`,
        [contractId],
      );
    // The worker's notifications.send may already have sent a row: what matters here is sent-or-to-send vs skipped.
    return found.map((row) => ({ ...row, status: row.status === 'sent' ? 'scheduled' : row.status, dueAt: row.dueAt.toISOString() }));
  }

  it('a contract ending in 30 days with offsets [30]: one row at 09:00 brand time, to the manager, however often the scan runs', async () => {
    ctx.clock.set('2026-06-01T00:30:00Z');
    const tokyo = await activeContract('Asia/Tokyo', { endDate: '2026-07-01', reminderDaysBefore: [30] });
    const newYork = await activeContract('America/New_York', { endDate: '2026-07-01', reminderDaysBefore: [30] });

    const enqueued = (await ctx.run(JobName.RenewalsScan)) as { enqueued: number };
    for (let i = 0; i < 4; i++) await ctx.run(JobName.RenewalsScan);

    // 09:00 in Tokyo (UTC+9) was 00:00 UTC, half an hour ago: on time; 09:00 in New York (EDT, UTC−4) is 13:00 UTC: not yet.
    expect(enqueued.enqueued).toBeGreaterThanOrEqual(1);
    expect(await rows(tokyo)).toEqual([
      {
        kind: 'renewal_upcoming',
        offset: 30,
        status: 'scheduled',
        late: false,
        dueAt: '2026-06-01T00:00:00.000Z',
        recipients: [ctx.owner.email],
      },
    ]);
    expect(await rows(newYork)).toEqual([]);

    ctx.clock.set('2026-06-01T13:00:00Z');
    await Promise.all([ctx.run(JobName.RenewalsScan), ctx.run(JobName.RenewalsScan)]);
    expect(await rows(newYork)).toEqual([
      {
        kind: 'renewal_upcoming',
        offset: 30,
        status: 'scheduled',
        late: false,
        dueAt: '2026-06-01T13:00:00.000Z',
        recipients: [ctx.owner.email],
      },
    ]);
    expect(await rows(tokyo)).toHaveLength(1);
  });

  it('adds notice-deadline reminders while auto-renewal stands, and none once it is cancelled', async () => {
    ctx.clock.set('2026-06-01T12:00:00Z');
    const renewing = await activeContract('Europe/Paris', {
      endDate: '2026-12-31',
      autoRenew: true,
      renewalTermMonths: 12,
      noticePeriodDays: 30,
      reminderDaysBefore: [7],
    });
    const cancelled = await activeContract('Europe/Paris', {
      endDate: '2026-12-31',
      autoRenew: true,
      renewalTermMonths: 12,
      noticePeriodDays: 30,
      reminderDaysBefore: [7],
    });
    await api().act(cancelled, 'cancel-auto-renew').expect(200);

    // Notice deadline 2026-12-01, 7 days before: 2026-11-24 09:00 in Paris (CET, UTC+1).
    ctx.clock.set('2026-11-24T08:30:00Z');
    await ctx.run(JobName.RenewalsScan);
    expect(await rows(renewing)).toEqual([
      expect.objectContaining({ kind: 'notice_deadline', offset: 7, status: 'scheduled', late: false, dueAt: '2026-11-24T08:00:00.000Z' }),
    ]);
    expect(await rows(cancelled)).toEqual([]);
  });

  it('follows the brand across a DST change: New York moves from 13:00 to 14:00 UTC on 2026-11-01', async () => {
    ctx.clock.set('2026-06-01T12:00:00Z');
    const contract = await activeContract('America/New_York', { endDate: '2026-11-08', reminderDaysBefore: [8, 7, 6] });

    ctx.clock.set('2026-10-31T13:30:00Z');
    await ctx.run(JobName.RenewalsScan);
    ctx.clock.set('2026-11-01T13:30:00Z');
    await ctx.run(JobName.RenewalsScan);
    expect((await rows(contract)).map((r) => [r.offset, r.dueAt])).toEqual([[8, '2026-10-31T13:00:00.000Z']]);

    ctx.clock.set('2026-11-01T14:30:00Z');
    await ctx.run(JobName.RenewalsScan);
    expect((await rows(contract)).map((r) => [r.offset, r.dueAt, r.late])).toEqual([
      [8, '2026-10-31T13:00:00.000Z', false],
      [7, '2026-11-01T14:00:00.000Z', false],
    ]);
  });

  it('after 10 days of downtime sends only the latest missed reminder, marked late; earlier ones are skipped', async () => {
    ctx.clock.set('2026-06-01T12:00:00Z');
    const contract = await activeContract('Europe/Paris', { endDate: '2026-09-30', reminderDaysBefore: [20, 15, 10] });
    ctx.clock.set('2026-09-10T07:30:00Z');
    await ctx.run(JobName.RenewalsScan);

    // Down from 2026-09-10 to 2026-09-20 noon: the 15- and 10-day moments (09:00 CEST = 07:00 UTC) passed unseen.
    ctx.clock.set('2026-09-20T12:00:00Z');
    for (let i = 0; i < 5; i++) await ctx.run(JobName.RenewalsScan);

    expect((await rows(contract)).map((r) => [r.offset, r.status, r.late, r.dueAt])).toEqual([
      [20, 'scheduled', false, '2026-09-10T07:00:00.000Z'],
      [15, 'skipped', false, '2026-09-15T07:00:00.000Z'],
      [10, 'scheduled', true, '2026-09-20T07:00:00.000Z'],
    ]);
  });
});
