import fc from 'fast-check';
import { commissionOf } from '@app/attribution';
import { currencyMinorUnits } from '@app/common';
import { commissionSql, CostsAccrual, daysInMonth, fromMinorUnits, retainerForDay, retainerUnitsSql, toMinorUnits } from '@app/costs';
import { contractCalls, relationshipFixture, useTestWorker } from './support';

/** The SQL of costs.accrue against the TypeScript rules it must equal, on real PostgreSQL. */
describe('accrual SQL == cost and commission rules (real PostgreSQL)', () => {
  // The day before the terms start in every zone below: activation accrues nothing yet, the batched run accrues it all.
  const ctx = useTestWorker('2022-12-31T00:00:00Z');
  const q = (sql: string, params: unknown[] = []) => ctx.db().query(sql, params);

  it('retainerUnitsSql gives retainerForDay for any amount, day of any month (28-31 days) and 0, 2 or 3 minor units', async () => {
    const day = fc
      .date({ min: new Date('1999-12-01T00:00:00Z'), max: new Date('2101-01-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const cases = fc.sample(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.constantFrom(0, 2, 3), day), {
      numRuns: 20_000,
      seed: 20260101,
    });
    // The edges too: last and first days of February in leap and common years, 1 minor unit, huge amounts.
    for (const date of ['2024-02-29', '2023-02-28', '2100-02-28', '2000-02-29', '2026-01-31', '2026-04-30', '2026-03-01']) {
      for (const units of [1n, 27n, 31n, 99_999n, 10n ** 18n - 1n]) cases.push([units, 2, date]);
    }
    const rows: { units: string }[] = await q(
      `SELECT ${retainerUnitsSql('m', 'd')}::text AS units FROM unnest($1::numeric[], $2::date[]) WITH ORDINALITY AS t(m, d, n) ORDER BY n`,
      [cases.map(([units]) => units.toString()), cases.map(([, , date]) => date)],
    );
    const mismatches = cases.flatMap(([units, digits, date], i) => {
      const expected = toMinorUnits(retainerForDay(fromMinorUnits(units, digits), date, digits), digits).toString();
      return expected === rows[i].units ? [] : [{ units, digits, date, sql: rows[i].units, ts: expected }];
    });
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('commissionSql gives commissionOf (net × rate% at 4 decimals, half-even), ties included', async () => {
    const decimal = (max: bigint) => fc.bigInt({ min: 0n, max }).map((u) => fromMinorUnits(u, 4));
    const cases = fc.sample(fc.tuple(decimal(10n ** 15n), decimal(1_000_000n)), { numRuns: 20_000, seed: 7 });
    // 0.0005 × 10% and 0.0015 × 10%: exactly half a 10^-4 unit, to the even neighbour (0 and 2).
    cases.push(
      ['0.0005', '10.0000'],
      ['0.0015', '10.0000'],
      ['0.0025', '10.0000'],
      ['90.0000', '33.3333'],
      ['0.0001', '50.0000'],
      ['0.0003', '50.0000'],
    );
    const rows: { amount: string }[] = await q(
      `SELECT ${commissionSql('n', 'r')}::text AS amount FROM unnest($1::numeric[], $2::numeric[]) WITH ORDINALITY AS t(n, r, i) ORDER BY i`,
      [cases.map(([net]) => net), cases.map(([, rate]) => rate)],
    );
    const mismatches = cases.flatMap(([net, rate], i) =>
      commissionOf(net, rate) === rows[i].amount ? [] : [{ net, rate, sql: rows[i].amount, ts: commissionOf(net, rate) }],
    );
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('accrues six years of terms (EUR, JPY, KWD) in small batches exactly as retainerForDay, each month summing to its amount', async () => {
    const monthly: [string, string, string][] = [
      ['EUR', 'Europe/Paris', '1000.00'],
      ['EUR', 'America/Los_Angeles', '0.29'],
      ['EUR', 'Pacific/Auckland', '12345678.91'],
      ['JPY', 'Asia/Tokyo', '100000'],
      ['JPY', 'Asia/Tokyo', '7'],
      ['KWD', 'Asia/Kuwait', '250.125'],
      ['KWD', 'Asia/Kuwait', '0.031'],
    ];
    const api = contractCalls(ctx.t.http, ctx.owner);
    const terms: { id: string; currency: string; amount: string }[] = [];
    for (const [currency, timezone, amount] of monthly) {
      const relationship = await relationshipFixture(ctx.t.http, ctx.owner, { currency, timezone });
      const draft = await api.draft(relationship.id, {
        startDate: '2023-01-01',
        endDate: '2028-12-31',
        retainerMonthly: amount,
        feePerDeliverable: '0',
        deliverablePlan: [],
      });
      await api.act(draft.id, 'activate').expect(200);
      terms.push({ id: draft.id, currency, amount });
    }
    ctx.clock.set('2029-01-02T12:00:00Z');
    const accrual = ctx.worker.get(CostsAccrual);
    // 3 contracts and 200 days a statement: 3 batches of contracts, each capped and resumed 10 times.
    const first = await accrual.run({ contractsPerBatch: 3, daysPerStatement: 200, conversionsPerBatch: 2 });
    const days = 6 * 365 + 2;
    expect(first.retainerEntries).toBe(monthly.length * days);
    expect(first.batches).toBeGreaterThanOrEqual(3 * Math.ceil(days / 200));
    expect(await accrual.run()).toMatchObject({ retainerEntries: 0 });

    for (const term of terms) {
      const digits = currencyMinorUnits(term.currency);
      const entries: { day: string; amount: string }[] = await q(
        `SELECT incurred_on::text AS day, amount::text FROM cost_entries WHERE contract_id = $1 ORDER BY incurred_on`,
        [term.id],
      );
      expect(entries).toHaveLength(days);
      const wrong = entries.filter((e) => toMinorUnits(e.amount, 4) !== toMinorUnits(retainerForDay(term.amount, e.day, digits), 4));
      expect(wrong.slice(0, 3)).toEqual([]);
      const months = new Map<string, bigint>();
      for (const e of entries) months.set(e.day.slice(0, 7), (months.get(e.day.slice(0, 7)) ?? 0n) + toMinorUnits(e.amount, 4));
      expect(months.size).toBe(72);
      expect([...months.values()].every((sum) => sum === toMinorUnits(term.amount, 4))).toBe(true);
      expect(entries.filter((e) => e.day.endsWith('-01')).map((e) => daysInMonth(e.day))).toContain(29);
    }
  });
});
