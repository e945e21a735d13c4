import { JobName } from '@app/queue';
import { contractCalls, conversionBody, relationshipFixture, rollupsSettled, useTestWorker } from './support';

describe('retainer accrued by activation and renewal, and what the figures do not hold yet (e2e: real PostgreSQL and Redis, FixedClock)', () => {
  // 13:00 in Paris. The worker consumes the rollups queue, as deployed; costs.accrue runs only when a test says so.
  const ctx = useTestWorker('2026-03-10T12:00:00Z', { ROLLUP_DEBOUNCE_MS: '0' });
  const api = () => contractCalls(ctx.t.http, ctx.owner);
  const ledger = async (contractId: string) =>
    (
      await ctx
        .db()
        .query(
          `SELECT count(*)::int AS days, coalesce(sum(amount), 0)::text AS total, max(incurred_on)::text AS last FROM cost_entries WHERE contract_id = $1 AND kind = 'retainer'`,
          [contractId],
        )
    )[0];
  /** The relationship's detail once the rollups have caught up with every committed mark. */
  const detail = async (id: string) => {
    await rollupsSettled(ctx.db());
    return api().relationship(id);
  };
  const term = async (overrides: Record<string, unknown>) => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner, { timezone: 'Europe/Paris' });
    const contract = await api().draft(relationship.id, { feePerDeliverable: '0', deliverablePlan: [], ...overrides });
    return { relationship, contract };
  };

  it('activating a term that started 9 days ago puts its 10 days of retainer in spend at once, and costs.accrue adds nothing after', async () => {
    // March has 31 days: 3100.00 a month is 100.00 a day.
    const { relationship, contract } = await term({ startDate: '2026-03-01', endDate: '2026-08-31', retainerMonthly: '3100.00' });
    await api().act(contract.id, 'activate').expect(200);

    expect(await ledger(contract.id)).toEqual({ days: 10, total: '1000.0000', last: '2026-03-10' });
    const before = await detail(relationship.id);
    expect(before.figures).toMatchObject({ spend: '1000.00', spendByKind: { retainer: '1000.00' }, roi: -1 });
    expect(before).toMatchObject({ accruedThrough: '2026-03-10', pendingCommission: '0.00' });

    await ctx.run(JobName.CostsAccrue);
    expect(await ledger(contract.id)).toEqual({ days: 10, total: '1000.0000', last: '2026-03-10' });
    expect((await detail(relationship.id)).figures.spend).toBe('1000.00');
  });

  it('renewing accrues the renewed term through today; costs.accrue adds nothing after', async () => {
    ctx.clock.set('2026-04-02T10:00:00Z');
    // April has 30 days: 3000.00 a month is 100.00 a day.
    const { relationship, contract } = await term({ startDate: '2026-04-01', endDate: '2026-06-30', retainerMonthly: '3000.00' });
    await api().act(contract.id, 'activate').expect(200);
    expect(await ledger(contract.id)).toMatchObject({ days: 2, last: '2026-04-02' });

    // Three days on, no hourly run since.
    ctx.clock.set('2026-04-05T10:00:00Z');
    expect(await detail(relationship.id)).toMatchObject({ accruedThrough: '2026-04-02', figures: { spend: '200.00' } });
    await api().act(contract.id, 'renew', {}).expect(201);
    expect(await ledger(contract.id)).toEqual({ days: 5, total: '500.0000', last: '2026-04-05' });
    expect(await detail(relationship.id)).toMatchObject({ accruedThrough: '2026-04-05', figures: { spend: '500.00' } });

    await ctx.run(JobName.CostsAccrue);
    expect(await ledger(contract.id)).toEqual({ days: 5, total: '500.0000', last: '2026-04-05' });
  });

  it('shows accruedThrough and pendingCommission beside the figures of the relationship, its performance and the quarterly report', async () => {
    ctx.clock.set('2026-03-10T12:00:00Z');
    const { relationship, contract } = await term({
      startDate: '2026-03-01',
      endDate: '2026-08-31',
      retainerMonthly: '3100.00',
      commissionRate: '10',
    });
    await api().act(contract.id, 'activate').expect(200);
    // Net 90.00 at 10 %: 9.00 owed once approved (30 days of lock by default), not spend before.
    await ctx.t.http
      .post('/v1/conversions')
      .set(ctx.owner.auth)
      .send(conversionBody({ relationshipId: relationship.id, occurredAt: '2026-03-05T12:00:00Z' }))
      .expect(201);
    // Two days on, no hourly run: the figures hold the retainer through the 10th only, and say so.
    ctx.clock.set('2026-03-12T12:00:00Z');
    const shown = await detail(relationship.id);
    expect(shown.figures).toMatchObject({ spend: '1000.00', netRevenue: '90.00', spendByKind: { commission: '0.00' } });
    expect(shown).toMatchObject({ accruedThrough: '2026-03-10', pendingCommission: '9.00' });

    const performance = async (query: string) =>
      (await ctx.t.http.get(`/v1/relationships/${relationship.id}/performance?${query}`).set(ctx.owner.auth).expect(200)).body;
    expect(await performance('from=2026-03-01&to=2026-03-31')).toMatchObject({ accruedThrough: '2026-03-10', pendingCommission: '9.00' });
    // The conversion is outside the range; a range that ended before the last accrued day is complete through its end.
    expect(await performance('from=2026-03-06&to=2026-03-08&granularity=day')).toMatchObject({
      accruedThrough: '2026-03-08',
      pendingCommission: '0.00',
    });
    // No term in force in the range: no retainer to speak of.
    expect(await performance('from=2026-01-01&to=2026-02-28')).toMatchObject({ accruedThrough: null, pendingCommission: '0.00' });

    const report = (accept = 'application/json') =>
      ctx.t.http
        .get(`/v1/reports/quarterly?brandId=${relationship.brandId}&quarter=2026-Q1`)
        .set(ctx.owner.auth)
        .set('accept', accept)
        .expect(200);
    const json = (await report()).body;
    expect(json).toMatchObject({ accruedThrough: '2026-03-10', pendingCommission: '9.00' });
    expect(json.relationships).toEqual([expect.objectContaining({ accruedThrough: '2026-03-10', pendingCommission: '9.00' })]);
    expect(json.months.map((m: { month: string; partial: boolean }) => [m.month, m.partial])).toEqual([
      ['2026-01', false],
      ['2026-02', false],
      ['2026-03', true],
    ]);

    const [header, row] = (await report('text/csv')).text.trim().split('\r\n');
    const csv = Object.fromEntries(header.split(',').map((column, i) => [column, row.split(',')[i]]));
    expect(csv).toMatchObject({
      relationship_id: relationship.id,
      spend: '1000.00',
      accrued_through: '2026-03-10',
      pending_commission: '9.00',
    });

    const html = (
      await ctx.t.http.get(`/v1/reports/quarterly/view?brandId=${relationship.brandId}&quarter=2026-Q1`).set(ctx.owner.auth).expect(200)
    ).text;
    expect(html).toContain('<dt>Retainers accrued through</dt><dd>10 Mar 2026</dd>');
    expect(html).toContain('<dt>Pending commission (not in spend)</dt><dd>9.00 EUR</dd>');

    // The hourly run catches up, and the figures say so.
    await ctx.run(JobName.CostsAccrue);
    expect(await detail(relationship.id)).toMatchObject({ accruedThrough: '2026-03-12', figures: { spend: '1200.00' } });
  });
});
