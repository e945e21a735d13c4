import { conversionBody, payoutCalls, payoutInvariant, relationshipFixture, useAccrualWorker } from './support';

/**
 * Payout runs end to end (docs/payouts.md): real PostgreSQL, the real costs.accrue, a FixedClock. Every step
 * ends with the invariant: per payee and currency, paid + in open payouts + unpaid = the payable entries.
 */
describe('payouts: runs, carry-forward, clawback (e2e)', () => {
  const ctx = useAccrualWorker('2026-03-10T12:00:00Z');
  const http = () => ctx.t.http;
  const calls = () => payoutCalls(ctx.t.http, ctx.owner);
  const holds = async () => expect((await payoutInvariant(ctx.db())).broken).toEqual([]);
  const conversion = async (relationshipId: string, amount: string, currency = 'EUR') =>
    (
      await http()
        .post('/v1/conversions')
        .set(ctx.owner.auth)
        .send(conversionBody({ relationshipId, amount, discount: '0.00', currency, occurredAt: ctx.clock.now().toISOString() }))
        .expect(201)
    ).body.id as string;
  const refund = (id: string, amount?: string) =>
    http().post(`/v1/conversions/${id}/reverse`).set(ctx.owner.auth).send({ amount, reason: 'Returned' }).expect(200);
  const influencerOf = async (relationshipId: string) =>
    (await http().get(`/v1/relationships/${relationshipId}`).set(ctx.owner.auth).expect(200)).body.influencerId as string;

  beforeAll(async () => {
    // Commission on the next accrual run, whatever the order's age.
    await http().patch('/v1/workspace').set(ctx.owner.auth).send({ conversionLockDays: 0 }).expect(200);
  });

  it('pays retainers, fees and commissions once, nets a refund made before approval, claws back one made after payment', async () => {
    const { run, payouts, act, balance } = calls();
    ctx.clock.set('2026-03-10T12:00:00Z');
    const term = await ctx.activeTerm({
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      retainerMonthly: '1000.00',
      feePerDeliverable: '150.00',
      commissionRate: '12.5',
      deliverablePlan: [{ type: 'reel', platform: 'instagram', quantity: 1, per: 'month' }],
    });
    const influencerId = await influencerOf(term.relationshipId);
    const [first] = (await http().get(`/v1/deliverables?contractId=${term.id}`).set(ctx.owner.auth).expect(200)).body.data;
    await http()
      .post(`/v1/deliverables/${first.id}/submit`)
      .set(ctx.owner.auth)
      .send({ contentUrl: 'https://drive.example.com/d1' })
      .expect(200);
    await http().post(`/v1/deliverables/${first.id}/approve`).set(ctx.owner.auth).send({}).expect(200);
    await http()
      .post(`/v1/deliverables/${first.id}/publish`)
      .set(ctx.owner.auth)
      .send({ postUrl: 'https://www.instagram.com/p/C0ffee/', publishedAt: '2026-02-14T10:00:00Z' })
      .expect(200);
    // 33.33 × 12.5 % = 4.16625 → 4.1662 (0.0001, half-even): a payout pays whole cents, the rest is carried.
    const kept = await conversion(term.relationshipId, '33.33');
    const returned = await conversion(term.relationshipId, '400.00');
    await ctx.accrue();
    await holds();

    // Through February: January and February retainers (2,000.00) and the fee of 14 February.
    const february = await run('2026-02-28');
    expect(february.totals).toEqual([{ status: 'draft', currency: 'EUR', payouts: 1, amount: '2150.00' }]);
    await holds();
    await act(`payout-runs/${february.id}`, 'approve').expect(200);
    await act(`payout-runs/${february.id}`, 'mark-paid', { reference: 'BATCH-1', paidAt: '2026-03-10T11:00:00Z' }).expect(200);
    await holds();

    // March 1-10: 10 days of retainer (322.58), commissions 4.1662 + 50.00, cut to 376.74; 0.0062 carried.
    const march = await run('2026-03-10');
    const [draft] = await payouts({ runId: march.id });
    expect(draft).toMatchObject({ influencerId, currency: 'EUR', amount: '376.74', status: 'draft' });
    // A refund before the payout is approved: its negative entry (today) is not in the draft; the next run nets it.
    ctx.clock.set('2026-03-10T13:00:00Z');
    await refund(returned);
    await ctx.accrue();
    await holds();
    await act(`payouts/${draft.id}`, 'approve').expect(200);
    await act(`payouts/${draft.id}`, 'mark-paid', { reference: 'BATCH-2' }).expect(200);
    expect(await balance(influencerId)).toEqual([
      {
        currency: 'EUR',
        owed: '0.00',
        inOpenPayouts: '0.00',
        paidToDate: '2526.74',
        carriedNegative: '-49.99',
        unpaid: '-49.99',
        payable: '2476.75',
      },
    ]);
    await holds();

    // The refund of 400.00 took back the whole 50.00 commission after it was paid: carried negative, netted
    // against the next days' retainer once the total reaches the minimum again.
    ctx.clock.set('2026-03-13T12:00:00Z');
    await ctx.accrue();
    await run('2026-03-12'); // −49.9938 + 32.25 + 32.26 = 14.5162: under the minimum, carried
    expect(await payouts({ influencerId, status: 'draft' })).toEqual([]);
    ctx.clock.set('2026-03-20T12:00:00Z');
    await ctx.accrue();
    const netted = await run('2026-03-19');
    const [next] = await payouts({ runId: netted.id });
    // −49.9938 carried + 11-19 March (290.32) = 240.3262: 240.32 paid, 0.0062 carried again.
    expect(next.amount).toBe('240.32');
    const statement = (await http().get(`/v1/payouts/${next.id}/statement`).set(ctx.owner.auth).expect(200)).body;
    expect(statement).toMatchObject({ previousPeriodEnd: '2026-03-10', openingBalance: '-49.99', total: '240.32' });
    expect(
      statement.lines.map((l: { kind: string; from: string; to: string; amount: string }) => [l.kind, l.from, l.to, l.amount]),
    ).toEqual([
      ['adjustment', '2026-03-19', '2026-03-19', '-0.01'],
      ['retainer', '2026-03-11', '2026-03-19', '290.32'],
    ]);
    await holds();
    void kept;
  });
});
