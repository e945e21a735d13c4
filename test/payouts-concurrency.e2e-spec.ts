import { conversionBody, payoutCalls, payoutInvariant, relationshipFixture, useAccrualWorker } from './support';

/** Runs at the same time as each other, as refunds and as the accrual: no entry in two payouts, none lost (real PostgreSQL). */
describe('payouts under concurrency (e2e)', () => {
  const ctx = useAccrualWorker('2026-03-10T12:00:00Z');
  const http = () => ctx.t.http;
  const calls = () => payoutCalls(ctx.t.http, ctx.owner);
  const holds = async () => expect((await payoutInvariant(ctx.db())).broken).toEqual([]);
  const linkedOnce = async () =>
    ctx.q(
      `SELECT e.id FROM cost_entries e WHERE e.kind = 'bonus'
        AND (SELECT count(*) FROM payout_entries l WHERE l.cost_entry_id = e.id AND NOT l.released) <> 1`,
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

  it('refuses a second live link of an entry by the database itself (uq_payout_entries_live), and allows it once released', async () => {
    const { earn, run, payouts, act } = calls();
    const payee = await relationshipFixture(http(), ctx.owner);
    await earn(payee.id, '90.00', '2026-03-05');
    const first = await run('2026-03-09', payee.brandId);
    const [payout] = await payouts({ runId: first.id });
    const [link] = await ctx.q<{ cost_entry_id: string; incurred_on: string }>(
      `SELECT cost_entry_id, incurred_on::text FROM payout_entries WHERE payout_id = $1`,
      [payout.id],
    );
    const [other] = await ctx.q<{ id: string }>(
      `INSERT INTO payouts (workspace_id, run_id, influencer_id, currency, amount) SELECT workspace_id, run_id, influencer_id, currency, amount FROM payouts WHERE id = $1 RETURNING id`,
      [payout.id],
    );
    const second = () =>
      ctx.q(`INSERT INTO payout_entries (payout_id, cost_entry_id, incurred_on) VALUES ($1, $2, $3)`, [
        other.id,
        link.cost_entry_id,
        link.incurred_on,
      ]);
    await expect(second()).rejects.toMatchObject({ driverError: { constraint: 'uq_payout_entries_live' } });
    await act(`payouts/${payout.id}`, 'cancel').expect(200);
    await expect(second()).resolves.toBeDefined();
    // Payouts are never deleted by the API and payout_entries has no foreign key to cascade: the hand-made pair goes together.
    await ctx.q(`DELETE FROM payout_entries WHERE payout_id = $1`, [other.id]);
    await ctx.q(`DELETE FROM payouts WHERE id = $1`, [other.id]);
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
          AND NOT EXISTS (SELECT 1 FROM payout_entries l WHERE l.cost_entry_id = e.id AND NOT l.released)
          AND NOT (e.kind = 'adjustment' AND e.amount > 0 AND e.amount < 0.01)`,
      [terms.map((t) => t.relationshipId)],
    );
    expect(unpaid).toHaveLength(12);
    expect(unpaid.every((e) => e.kind === 'commission' && e.negative && e.refund)).toBe(true);
  });
});
