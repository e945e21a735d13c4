import { JobName } from '@app/queue';
import { contractCalls, unmarkedCosts, useAccrualWorker, waitFor } from './support';
import { runCli } from '../apps/worker/src/cli';

describe('costs.accrue: retainers (e2e: real PostgreSQL and Redis, FixedClock)', () => {
  const ctx = useAccrualWorker('2026-01-01T10:00:00Z');
  const { activeTerm, q, accrue: run } = ctx;

  const retainerDays = async (contractId: string): Promise<{ day: string; amount: string }[]> =>
    q(`SELECT incurred_on::text AS day, amount::text FROM cost_entries WHERE contract_id = $1 AND kind = 'retainer' ORDER BY incurred_on`, [
      contractId,
    ]);
  const retainerSum = async (contractId: string, from: string, to: string): Promise<{ days: number; total: string }> =>
    (
      await q<{ days: number; total: string }>(
        `SELECT count(*)::int AS days, sum(amount)::text AS total FROM cost_entries WHERE contract_id = $1 AND kind = 'retainer' AND incurred_on BETWEEN $2 AND $3`,
        [contractId, from, to],
      )
    )[0];
  const ledgerSize = async () =>
    (await q(`SELECT (SELECT count(*) FROM cost_entries)::int AS entries, (SELECT count(*) FROM rollup_dirty_days)::int AS marks`))[0];

  it('accrues 1000.00 EUR a month day by day: January sums to exactly 1000.00, and reruns write nothing', async () => {
    const term = await activeTerm({ startDate: '2026-01-01', endDate: '2026-06-30', retainerMonthly: '1000.00' });
    // 00:30 on 1 February in Paris: January is over, 1 February has begun.
    ctx.clock.set('2026-01-31T23:30:00Z');
    await run();

    const days = await retainerDays(term.id);
    expect(days.map((d) => d.day)).toEqual([
      ...Array.from({ length: 31 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')}`),
      '2026-02-01',
    ]);
    expect(await retainerSum(term.id, '2026-01-01', '2026-01-31')).toEqual({ days: 31, total: '1000.0000' });
    expect(new Set(days.slice(0, 31).map((d) => d.amount))).toEqual(new Set(['32.2500', '32.2600']));
    expect(days[31]).toEqual({ day: '2026-02-01', amount: '35.7100' });

    const before = await ledgerSize();
    await Promise.all([run(), run()]);
    await run();
    expect(await ledgerSize()).toEqual(before);
  });

  it('a terminated term stops accruing after its last day in force', async () => {
    ctx.clock.set('2026-02-10T12:00:00Z');
    const term = await activeTerm({ startDate: '2026-01-01', endDate: '2026-12-31', retainerMonthly: '1000.00' });
    await run();
    expect((await retainerDays(term.id)).at(-1)?.day).toBe('2026-02-10');

    await contractCalls(ctx.t.http, ctx.owner)
      .act(term.id, 'terminate', { effectiveDate: '2026-02-15', reason: 'Brand paused the program' })
      .expect(200);
    ctx.clock.set('2026-03-05T12:00:00Z');
    await run();
    const days = await retainerDays(term.id);
    expect(days).toHaveLength(31 + 15);
    expect(days.at(-1)?.day).toBe('2026-02-15');
  });

  it("accrues a term starting mid-month from its first day, whole yen for JPY, up to today in each brand's zone", async () => {
    ctx.clock.set('2026-03-05T12:00:00Z');
    const midMonth = await activeTerm({ startDate: '2026-03-15', endDate: '2026-09-14', retainerMonthly: '310.00' });
    const yen = await activeTerm(
      { startDate: '2026-02-01', endDate: '2026-07-31', retainerMonthly: '100000', feePerDeliverable: '0' },
      { timezone: 'Asia/Tokyo', currency: 'JPY' },
    );
    // 22:00 on 31 March in Paris, already 05:00 on 1 April in Tokyo.
    ctx.clock.set('2026-03-31T20:00:00Z');
    await run();

    expect(await retainerSum(midMonth.id, '2026-01-01', '2026-12-31')).toEqual({ days: 17, total: '170.0000' });
    expect((await retainerDays(midMonth.id))[0]).toEqual({ day: '2026-03-15', amount: '10.0000' });
    expect(await retainerSum(yen.id, '2026-02-01', '2026-02-28')).toEqual({ days: 28, total: '100000.0000' });
    expect(await retainerSum(yen.id, '2026-03-01', '2026-03-31')).toEqual({ days: 31, total: '100000.0000' });
    expect((await retainerDays(yen.id)).at(-1)).toEqual({ day: '2026-04-01', amount: '3333.0000' });
    const [{ currency }] = await q(`SELECT DISTINCT currency FROM cost_entries WHERE contract_id = $1`, [yen.id]);
    expect(currency).toBe('JPY');
  });

  it("accrues a renewal's days on the renewed term's own contract", async () => {
    ctx.clock.set('2026-05-05T10:00:00Z');
    const first = await activeTerm({
      startDate: '2026-04-01',
      endDate: '2026-06-30',
      retainerMonthly: '3000.00',
      autoRenew: true,
      renewalTermMonths: 3,
    });
    ctx.clock.set('2026-07-02T10:00:00Z');
    await ctx.run(JobName.ContractsRollover);
    await run();
    const next: string = (await contractCalls(ctx.t.http, ctx.owner).relationship(first.relationshipId)).currentContract.id;
    expect(next).not.toBe(first.id);
    expect(await retainerSum(first.id, '2026-01-01', '2026-12-31')).toEqual({ days: 91, total: '9000.0000' });
    expect(await retainerDays(next)).toEqual([
      { day: '2026-07-01', amount: '96.7700' },
      { day: '2026-07-02', amount: '96.7700' },
    ]);
  });

  it('runs through the queue when an operator enqueues it with `cli run-job costs.accrue`', async () => {
    ctx.clock.set('2026-05-04T08:00:00Z');
    const term = await activeTerm({ startDate: '2026-05-01', endDate: '2026-10-31', retainerMonthly: '3100.00' });
    const out: string[] = [];
    expect(await runCli(['run-job', JobName.CostsAccrue], ctx.t.env, (line) => out.push(line))).toBe(0);
    expect(out.join('\n')).toMatch(/enqueued costs.accrue/);
    // 1-4 May, through the worker's own BullMQ consumer rather than ctx.run.
    expect(await waitFor(async () => (await retainerDays(term.id)).length === 4)).toBe(true);
    expect(await retainerSum(term.id, '2026-05-01', '2026-05-04')).toEqual({ days: 4, total: '400.0000' });
  });

  it("marks every entry's (relationship, day) dirty and asks for each relationship's rollup", async () => {
    expect(await unmarkedCosts(ctx)).toEqual({ entries: [], relationships: [] });
  });
});
