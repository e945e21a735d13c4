import { Logger } from '@nestjs/common';
import fc from 'fast-check';
import { calendarDateIn } from '@app/common';
import { JobName } from '@app/queue';
import { freshStats, ReconcileResult, STAT_COLUMNS } from '@app/rollups';
import { contractFixture, ContractFixture, rollupsSettled, statRows, useTestWorker } from './support';

const ZONES = ['Europe/Paris', 'America/Los_Angeles', 'Asia/Tokyo'];
const MARCH = Date.parse('2026-03-01T00:00:00Z');
const MINUTES = 31 * 24 * 60;
const at = (minute: number) => new Date(MARCH + minute * 60_000).toISOString();
const money = (cents: number) =>
  `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/** Columns the test computes itself (money in cents): every other column is checked against the full recompute only. */
const MODELLED = ['conversions', 'revenue', 'reversals', 'spend_product', 'spend_other'];

type Op =
  | { kind: 'ingest'; rel: number; minutes: number[]; cents: number }
  | { kind: 'reverse'; pick: number; cents: number; minute: number }
  | { kind: 'void'; pick: number; minute: number }
  | { kind: 'publish'; pick: number; minute: number }
  | { kind: 'metrics'; pick: number; minute: number; counts: number[] }
  | { kind: 'cost'; rel: number; cents: number; day: number }
  | { kind: 'reschedule'; pick: number; day: number }
  | { kind: 'cancel'; pick: number };

const rel = fc.nat({ max: ZONES.length - 1 });
const minute = fc.nat({ max: MINUTES - 1 });
const OPS: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('ingest' as const),
      rel,
      minutes: fc.array(minute, { minLength: 1, maxLength: 4 }),
      cents: fc.integer({ min: 100, max: 99_999 }),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat(), cents: fc.integer({ min: 1, max: 5_000 }), minute }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('void' as const), pick: fc.nat(), minute }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('publish' as const), pick: fc.nat(), minute }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('metrics' as const),
      pick: fc.nat(),
      minute,
      counts: fc.array(fc.nat({ max: 50_000 }), { minLength: 8, maxLength: 8 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('cost' as const),
      rel,
      cents: fc.integer({ min: -5_000, max: 50_000 }).filter((c) => c !== 0),
      day: fc.integer({ min: 1, max: 31 }),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('reschedule' as const), pick: fc.nat(), day: fc.integer({ min: 1, max: 31 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }), weight: 1 },
);

/**
 * Random sequences of ledger writes through the API while the worker's rollup jobs run behind them (no
 * debounce, so jobs and writes interleave), then the nightly reconcile: the incremental rows must equal a
 * full recompute, and the conversion, refund and cost columns must equal a model computed here with the
 * brands' calendar days. Then a corrupted table is detected, logged and fixed.
 */
describe('rollups: reconcile after random write sequences (e2e)', () => {
  const ctx = useTestWorker('2026-04-01T12:00:00Z', { ROLLUP_DEBOUNCE_MS: '0' });
  let fixtures: ContractFixture[];
  /** Each conversion's order day and net, its refunds' days and amounts (cents); a voided one has nothing left. */
  const conversions: { id: string; rel: number; left: number; day: string; cents: number; refunds: [string, number][]; voided?: true }[] =
    [];
  const deliverables: { id: string; status: 'planned' | 'published' | 'cancelled' }[] = [];
  /** Expected columns per `${rel}|${day}`: conversions, revenue, reversals, spend_product, spend_other (cents). */
  const model = new Map<string, Record<string, number>>();

  const add = (r: number, day: string, column: string, value: number) => {
    const key = `${r}|${day}`;
    const row = model.get(key) ?? {};
    row[column] = (row[column] ?? 0) + value;
    model.set(key, row);
  };
  const call = (method: 'post' | 'patch', path: string, body: object, status: number) =>
    ctx.t.http[method](path).set(ctx.owner.auth).send(body).expect(status);
  const pick = <T>(items: T[], n: number): T | undefined => (items.length ? items[n % items.length] : undefined);

  /** Rows of the table that a fresh full recompute does not produce, and the reverse. */
  const mismatches = async (): Promise<number> => {
    const columns = `relationship_id, day, ${STAT_COLUMNS.join(', ')}`;
    const [{ count }] = await ctx.db().query(`SELECT count(*)::int AS count FROM (
      (SELECT ${columns} FROM relationship_daily_stats EXCEPT SELECT ${columns} FROM (${freshStats('all')}) f)
      UNION ALL (SELECT ${columns} FROM (${freshStats('all')}) f EXCEPT SELECT ${columns} FROM relationship_daily_stats)) d`);
    return count;
  };

  async function apply(op: Op): Promise<void> {
    switch (op.kind) {
      case 'ingest': {
        for (const [i, m] of op.minutes.entries()) {
          const body = {
            source: 'api',
            externalId: `o-${conversions.length}`,
            relationshipId: fixtures[op.rel].relationshipId,
            occurredAt: at(m),
            amount: money(op.cents + i),
            currency: 'EUR',
          };
          const { id } = (await call('post', '/v1/conversions', body, 201)).body;
          const day = calendarDateIn(new Date(body.occurredAt), ZONES[op.rel]);
          conversions.push({ id, rel: op.rel, left: op.cents + i, day, cents: op.cents + i, refunds: [] });
          add(op.rel, day, 'conversions', 1);
          add(op.rel, day, 'revenue', op.cents + i);
        }
        return;
      }
      case 'reverse': {
        const conversion = pick(
          conversions.filter((c) => c.left > 0),
          op.pick,
        );
        if (!conversion) return;
        const cents = Math.min(op.cents, conversion.left);
        ctx.clock.set(at(op.minute));
        await call('post', `/v1/conversions/${conversion.id}/reverse`, { amount: money(cents), reason: 'refund' }, 200);
        conversion.left -= cents;
        const day = calendarDateIn(new Date(at(op.minute)), ZONES[conversion.rel]);
        conversion.refunds.push([day, cents]);
        add(conversion.rel, day, 'reversals', cents);
        return;
      }
      case 'void': {
        // It all goes: the order from its day, the refunds from theirs, whatever day the void is.
        const conversion = pick(
          conversions.filter((c) => !c.voided),
          op.pick,
        );
        if (!conversion) return;
        ctx.clock.set(at(op.minute));
        await call('post', `/v1/conversions/${conversion.id}/void`, { reason: 'mistake' }, 200);
        conversion.voided = true;
        conversion.left = 0;
        add(conversion.rel, conversion.day, 'conversions', -1);
        add(conversion.rel, conversion.day, 'revenue', -conversion.cents);
        for (const [day, cents] of conversion.refunds) add(conversion.rel, day, 'reversals', -cents);
        return;
      }
      case 'publish': {
        const deliverable = pick(
          deliverables.filter((d) => d.status === 'planned'),
          op.pick,
        );
        if (!deliverable) return;
        await call('post', `/v1/deliverables/${deliverable.id}/submit`, { contentUrl: 'https://drive.example.com/x' }, 200);
        await call('post', `/v1/deliverables/${deliverable.id}/approve`, {}, 200);
        await call(
          'post',
          `/v1/deliverables/${deliverable.id}/publish`,
          { postUrl: 'https://www.instagram.com/p/x/', publishedAt: at(op.minute) },
          200,
        );
        deliverable.status = 'published';
        return;
      }
      case 'metrics': {
        const deliverable = pick(
          deliverables.filter((d) => d.status === 'published'),
          op.pick,
        );
        if (!deliverable) return;
        const [impressions, reach, views, likes, comments, shares, saves, clicks] = op.counts;
        await call(
          'post',
          `/v1/deliverables/${deliverable.id}/metrics`,
          { impressions, reach, views, likes, comments, shares, saves, clicks, capturedAt: at(op.minute) },
          201,
        );
        return;
      }
      case 'cost': {
        const kind = op.cents < 0 ? 'other' : 'product';
        const incurredOn = `2026-03-${String(op.day).padStart(2, '0')}`;
        await call(
          'post',
          `/v1/relationships/${fixtures[op.rel].relationshipId}/costs`,
          { kind, amount: money(op.cents), incurredOn, description: 'random' },
          201,
        );
        add(op.rel, incurredOn, `spend_${kind}`, op.cents);
        return;
      }
      case 'reschedule': {
        const deliverable = pick(
          deliverables.filter((d) => d.status === 'planned'),
          op.pick,
        );
        if (deliverable)
          await call('patch', `/v1/deliverables/${deliverable.id}`, { dueDate: `2026-03-${String(op.day).padStart(2, '0')}` }, 200);
        return;
      }
      case 'cancel': {
        const deliverable = pick(
          deliverables.filter((d) => d.status === 'planned'),
          op.pick,
        );
        if (!deliverable) return;
        await call('post', `/v1/deliverables/${deliverable.id}/cancel`, {}, 200);
        deliverable.status = 'cancelled';
      }
    }
  }

  beforeAll(async () => {
    fixtures = [];
    for (const timezone of ZONES) {
      const fixture = await contractFixture(ctx.t, ctx.owner, {
        timezone,
        startDate: '2026-03-01',
        endDate: '2026-03-31',
        plan: [{ type: 'post', platform: 'instagram', quantity: 6, per: 'term' }],
      });
      fixtures.push(fixture);
      const { body } = await ctx.t.http.get(`/v1/deliverables?contractId=${fixture.contractId}`).set(ctx.owner.auth).expect(200);
      deliverables.push(...body.data.map((d: { id: string }) => ({ id: d.id, status: 'planned' as const })));
    }
  });

  it('ends every random sequence with incremental rows equal to a full recompute and to the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(OPS, { minLength: 10, maxLength: 25 }), async (ops) => {
        for (const op of ops) {
          ctx.clock.set('2026-04-01T12:00:00Z');
          await apply(op);
        }
        await rollupsSettled(ctx.db());

        const reconcile = (await ctx.run(JobName.RollupsReconcile)) as ReconcileResult;
        expect({ differed: reconcile.differed, sample: reconcile.sample }).toEqual({ differed: 0, sample: [] });
        expect(await mismatches()).toBe(0);
        for (const [r, fixture] of fixtures.entries()) {
          // A void brings columns back to 0, which the stored rows leave out.
          const modelled = [...model]
            .filter(([key]) => key.startsWith(`${r}|`))
            .map(([key, row]) => ({ day: key.slice(2), ...Object.fromEntries(Object.entries(row).filter(([, value]) => value !== 0)) }))
            .filter((row) => Object.keys(row).length > 1);
          const stored = (await statRows(ctx.db(), fixture.relationshipId))
            .map(({ day, ...row }) => ({
              day,
              ...Object.fromEntries(
                MODELLED.filter((c) => row[c]).map((c) => [c, c === 'conversions' ? Number(row[c]) : Math.round(Number(row[c]) * 100)]),
              ),
            }))
            .filter((row) => Object.keys(row).length > 1);
          expect(stored).toEqual(modelled.sort((a, b) => a.day.localeCompare(b.day)));
        }
      }),
      { numRuns: 4, seed: 20260331, endOnFailure: true },
    );
  });

  it('detects, logs and fixes a corrupted table', async () => {
    const db = ctx.db();
    const [victim] = await db.query(
      `SELECT relationship_id, day::text FROM relationship_daily_stats WHERE revenue > 0 ORDER BY relationship_id, day LIMIT 1`,
    );
    const [gone] = await db.query(
      `SELECT relationship_id, day::text FROM relationship_daily_stats WHERE NOT (relationship_id = $1 AND day = $2) ORDER BY relationship_id, day DESC LIMIT 1`,
      [victim.relationship_id, victim.day],
    );
    await db.query(`UPDATE relationship_daily_stats SET revenue = revenue + 1 WHERE relationship_id = $1 AND day = $2`, [
      victim.relationship_id,
      victim.day,
    ]);
    await db.query(`DELETE FROM relationship_daily_stats WHERE relationship_id = $1 AND day = $2`, [gone.relationship_id, gone.day]);
    await db.query(
      `INSERT INTO relationship_daily_stats (workspace_id, relationship_id, day, conversions) VALUES ($1, $2, '2026-02-01', 3)`,
      [ctx.owner.workspaceId, fixtures[0].relationshipId],
    );
    expect(await mismatches()).toBe(4);

    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const result = (await ctx.run(JobName.RollupsReconcile)) as ReconcileResult;
      expect(result).toMatchObject({ differed: 3, inserted: 1, updated: 1, deleted: 1 });
      expect(result.sample).toContainEqual({
        relationshipId: victim.relationship_id,
        day: victim.day,
        fresh: { revenue: expect.any(Number) },
        stored: { revenue: expect.any(Number) },
      });
      expect(result.sample).toContainEqual({
        relationshipId: fixtures[0].relationshipId,
        day: '2026-02-01',
        fresh: null,
        stored: { conversions: 3 },
      });
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/rollups\.reconcile: 3 row\(s\) differed .*1 missing, 1 wrong, 1 stale/));
    } finally {
      warn.mockRestore();
    }
    expect(await mismatches()).toBe(0);
    expect(await ctx.run(JobName.RollupsReconcile)).toMatchObject({ differed: 0 });
  });
});
