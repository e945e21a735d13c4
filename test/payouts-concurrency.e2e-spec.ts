import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BUILD_RUN, RUN_SETTINGS } from '@app/payouts';
import { conversionBody, PAYOUT_LINKS, payoutCalls, payoutInvariant, relationshipFixture, useAccrualWorker } from './support';

type PlanNode = { 'Node Type': string; 'Join Type': string; Plans?: PlanNode[] };

/** Runs at the same time as each other, as refunds and as the accrual: no entry in two payouts, none lost (real PostgreSQL). */
describe('payouts under concurrency (e2e)', () => {
  const ctx = useAccrualWorker('2026-03-10T12:00:00Z');
  const http = () => ctx.t.http;
  const calls = () => payoutCalls(ctx.t.http, ctx.owner);
  const holds = async () => expect((await payoutInvariant(ctx.db())).broken).toEqual([]);
  const linkedOnce = async () =>
    ctx.q(
      `SELECT e.id FROM cost_entries e WHERE e.kind = 'bonus'
        AND (SELECT count(*) FROM ${PAYOUT_LINKS} l WHERE l.cost_entry_id = e.id AND NOT l.released) <> 1`,
    );

  it('lets two runs at once take each entry once: the second finds nothing left, and no entry is lost', async () => {
    const { earn, run, payouts } = calls();
    const payees = await Promise.all(Array.from({ length: 12 }, () => relationshipFixture(http(), ctx.owner)));
    for (const payee of payees) for (const day of ['2026-03-01', '2026-03-02', '2026-03-03']) await earn(payee.id, '40.00', day);
    const [a, b] = await Promise.all([run('2026-03-09'), run('2026-03-09')]);
    const made = [...(await payouts({ runId: a.id })), ...(await payouts({ runId: b.id }))];
    expect(made).toHaveLength(12);
    expect(new Set(made.map((p) => p.influencerId)).size).toBe(12);
    expect(made.every((p) => p.amount === '120.00')).toBe(true);
    expect(await linkedOnce()).toEqual([]);
    await holds();
  });

  it('refuses a second live span over an entry by the database itself (ex_payout_entries_live), and allows it once released', async () => {
    const { earn, run, payouts, act } = calls();
    const payee = await relationshipFixture(http(), ctx.owner);
    for (const day of ['2026-03-04', '2026-03-05', '2026-03-06']) await earn(payee.id, '30.00', day);
    const first = await run('2026-03-09', payee.brandId);
    const [payout] = await payouts({ runId: first.id });
    const [span] = await ctx.q<{ lo: string; hi: string }>(
      `SELECT lower(seqs)::text AS lo, (upper(seqs) - 1)::text AS hi FROM payout_entries WHERE payout_id = $1`,
      [payout.id],
    );
    const [other] = await ctx.q<{ id: string }>(
      `INSERT INTO payouts (workspace_id, run_id, influencer_id, currency, amount) SELECT workspace_id, run_id, influencer_id, currency, amount FROM payouts WHERE id = $1 RETURNING id`,
      [payout.id],
    );
    // Any span sharing one entry number with the live one: the same, its last entry alone, one reaching past it.
    const second = (lo: string, hi: string) =>
      ctx.q(
        `INSERT INTO payout_entries (payout_id, relationship_id, currency, seqs)
         SELECT $1, relationship_id, currency, int8range($2, $3, '[]') FROM payout_entries WHERE payout_id = $4`,
        [other.id, lo, hi, payout.id],
      );
    for (const [lo, hi] of [
      [span.lo, span.hi],
      [span.hi, span.hi],
      [span.hi, String(BigInt(span.hi) + 10n)],
    ])
      await expect(second(lo, hi)).rejects.toMatchObject({ driverError: { constraint: 'ex_payout_entries_live' } });
    await act(`payouts/${payout.id}`, 'cancel').expect(200);
    await expect(second(span.lo, span.hi)).resolves.toBeDefined();
    // Payouts are never deleted by the API; the hand-made one takes its span with it.
    await ctx.q(`DELETE FROM payouts WHERE id = $1`, [other.id]);
    expect(await ctx.q(`SELECT 1 FROM payout_entries WHERE payout_id = $1`, [other.id])).toEqual([]);
  });

  it('waits for an entry being written when the run starts, and pays it: a span never covers an entry committed after it', async () => {
    const { earn, run, payouts } = calls();
    const payee = await relationshipFixture(http(), ctx.owner);
    await earn(payee.id, '40.00', '2026-03-02');
    const writer = await ctx.t.app.get(DataSource).createQueryRunner();
    await writer.connect();
    await writer.startTransaction();
    try {
      // Numbered now, committed later: an entry numbered after it commits first.
      await writer.query(
        `INSERT INTO cost_entries (workspace_id, relationship_id, kind, amount, currency, incurred_on, description)
         SELECT workspace_id, id, 'bonus', 15, 'EUR', '2026-03-03', 'In flight' FROM relationships WHERE id = $1`,
        [payee.id],
      );
      await earn(payee.id, '20.00', '2026-03-04');
      let done = false;
      const running = run('2026-03-09', payee.brandId).then((made) => {
        done = true;
        return made;
      });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(done).toBe(false);
      await writer.commitTransaction();
      const [payout] = await payouts({ runId: (await running).id });
      expect(payout.amount).toBe('75.00');
    } finally {
      if (writer.isTransactionActive) await writer.rollbackTransaction();
      await writer.release();
    }
    await holds();
  });

  it('gives up on a ledger locked longer than its lock timeout: 503, nothing written, writers not held up after it', async () => {
    const { earn, run, payouts } = calls();
    const payee = await relationshipFixture(http(), ctx.owner);
    await earn(payee.id, '60.00', '2026-03-02');
    const runsBefore = await ctx.q(`SELECT id FROM payout_runs`);
    const holder = await ctx.t.app.get(DataSource).createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      // A conflicting lock held past the run's wait (a long transaction, a migration): ROW EXCLUSIVE against SHARE.
      await holder.query(`LOCK TABLE cost_entries IN ROW EXCLUSIVE MODE`);
      const started = Date.now();
      const refused = await http().post('/v1/payout-runs').set(ctx.owner.auth).send({ periodEnd: '2026-03-09', brandId: payee.brandId });
      expect(refused.status).toBe(503);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
      expect(refused.body).toMatchObject({ status: 503, code: 'PAYOUT_RUN_LEDGER_BUSY' });
      // It waited for its lock (RUN_LOCK_TIMEOUT, 3 s), not forever and not at all.
      expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
      expect(await ctx.q(`SELECT id FROM payout_runs`)).toEqual(runsBefore);
      // No lock of the run is left queued: another writer goes straight through while the holder still holds.
      await earn(payee.id, '5.00', '2026-03-03');
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    const [payout] = await payouts({ runId: (await run('2026-03-09', payee.brandId)).id });
    expect(payout.amount).toBe('65.00');
    await holds();
  });

  it('cuts a span at an entry dated after the period end or already paid, and pays each island once', async () => {
    const { earn, run, payouts, act } = calls();
    const payee = await relationshipFixture(http(), ctx.owner);
    // Written in this order: the 20 March bonus lies between two entries of the run through 10 March.
    await earn(payee.id, '30.00', '2026-03-05');
    await earn(payee.id, '99.00', '2026-03-09', 'adjustment');
    await earn(payee.id, '30.00', '2026-03-06');
    // (by hand: the API dates manual entries today, 10 March, at the latest)
    await ctx.q(
      `INSERT INTO cost_entries (workspace_id, relationship_id, kind, amount, currency, incurred_on, description)
       SELECT workspace_id, id, 'bonus', 500, 'EUR', '2026-03-20', 'Later' FROM relationships WHERE id = $1`,
      [payee.id],
    );
    await earn(payee.id, '7.00', '2026-03-07');
    const first = (await payouts({ runId: (await run('2026-03-09', payee.brandId)).id }))[0];
    expect(first.amount).toBe('166.00');
    const spans = (id: string) => ctx.q(`SELECT 1 FROM payout_entries WHERE payout_id = $1`, [id]);
    expect(await spans(first.id)).toHaveLength(2);
    await act(`payouts/${first.id}`, 'approve').expect(200);
    await earn(payee.id, '1.00', '2026-03-08');
    // Through 31 March: the later bonus and the new entry, on either side of the first payout's second span.
    ctx.clock.set('2026-03-31T12:00:00Z');
    const second = (await payouts({ runId: (await run('2026-03-31', payee.brandId)).id }))[0];
    expect(second.amount).toBe('501.00');
    expect(await spans(second.id)).toHaveLength(2);
    ctx.clock.set('2026-03-10T12:00:00Z');
    await holds();
  });

  it('keeps every entry exactly once when runs race refunds and the accrual', async () => {
    const { run, payouts, act } = calls();
    ctx.clock.set('2026-03-10T12:00:00Z');
    await http().patch('/v1/workspace').set(ctx.owner.auth).send({ conversionLockDays: 0 }).expect(200);
    const terms = await Promise.all(
      Array.from({ length: 6 }, () =>
        ctx.activeTerm({ startDate: '2026-03-01', endDate: '2026-12-31', retainerMonthly: '3100.00', commissionRate: '10' }),
      ),
    );
    const orders: string[] = [];
    for (const term of terms)
      for (let i = 0; i < 4; i++)
        orders.push(
          (
            await http()
              .post('/v1/conversions')
              .set(ctx.owner.auth)
              .send(
                conversionBody({
                  relationshipId: term.relationshipId,
                  amount: '999.99',
                  discount: '0',
                  occurredAt: '2026-03-10T11:00:00Z',
                }),
              )
              .expect(201)
          ).body.id,
        );
    await ctx.accrue();
    ctx.clock.set('2026-03-12T12:00:00Z');
    const refunds = orders
      .slice(0, 12)
      .map((id) => http().post(`/v1/conversions/${id}/reverse`).set(ctx.owner.auth).send({ reason: 'Returned' }));
    const results = await Promise.all([run('2026-03-12'), ctx.accrue(), ...refunds, run('2026-03-12'), ctx.accrue(), run('2026-03-11')]);
    expect(results.slice(2, 14).every((r) => (r as { status: number }).status === 200)).toBe(true);
    await holds();
    // Everything settles: pay what was made, accrue what was missed, run again: still once each, nothing lost.
    for (const made of await payouts({ status: 'draft' })) await act(`payouts/${made.id}`, 'approve').expect(200);
    await ctx.accrue();
    await run('2026-03-12');
    await holds();
    // What no payout holds is exactly the 12 refunds' negative commissions, recorded after their payees were paid (carried
    // clawbacks), besides the carried parts under one cent of 99.999 commissions (positive adjustments).
    const unpaid = await ctx.q<{ kind: string; negative: boolean; refund: boolean }>(
      `SELECT e.kind, e.amount < 0 AS negative, EXISTS (SELECT 1 FROM conversion_reversals v WHERE v.id = e.source_id) AS refund
         FROM cost_entries e WHERE e.relationship_id = ANY($1::uuid[]) AND e.incurred_on <= '2026-03-12'
          AND NOT EXISTS (SELECT 1 FROM ${PAYOUT_LINKS} l WHERE l.cost_entry_id = e.id AND NOT l.released)
          AND NOT (e.kind = 'adjustment' AND e.amount > 0 AND e.amount < 0.01)`,
      [terms.map((t) => t.relationshipId)],
    );
    expect(unpaid).toHaveLength(12);
    expect(unpaid.every((e) => e.kind === 'commission' && e.negative && e.refund)).toBe(true);
  });

  it('plans the run without a nested loop over the ledger, even once payout_entries was analysed while empty', async () => {
    const payee = await relationshipFixture(http(), ctx.owner);
    await calls().earn(payee.id, '40.00', '2026-03-01');
    // Statistics saying "empty" made the planner match every entry against the live spans by a rescan per entry.
    const runner = ctx.db().createQueryRunner();
    const nestedOverLedger: string[] = [];
    try {
      await runner.startTransaction();
      await runner.query(`DELETE FROM payout_entries`);
      await runner.query(`ANALYZE payout_entries`);
      await runner.query(RUN_SETTINGS);
      const [{ workspace }] = (await runner.query(`SELECT workspace_id AS workspace FROM relationships WHERE id = $1`, [payee.id])) as {
        workspace: string;
      }[];
      const [{ 'QUERY PLAN': plan }] = (await runner.query(`EXPLAIN (FORMAT JSON) ${BUILD_RUN}`, [
        workspace,
        '2026-03-09',
        null,
        '50',
        randomUUID(),
        JSON.stringify({ EUR: 2 }),
        '9223372036854775807',
      ])) as { 'QUERY PLAN': { Plan: PlanNode }[] }[];
      const visit = (node: PlanNode) => {
        if (node['Node Type'] === 'Nested Loop' && JSON.stringify(node).includes('"cost_entries')) nestedOverLedger.push(node['Join Type']);
        for (const child of node.Plans ?? []) visit(child);
      };
      visit(plan[0].Plan);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(nestedOverLedger).toEqual([]);
  });
});
