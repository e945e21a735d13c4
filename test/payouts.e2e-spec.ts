import { conversionBody, payoutCalls, payoutInvariant, relationshipFixture, signup, useAccrualWorker } from './support';

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
        .send(conversionBody({ relationshipId, amount, discount: '0', currency, occurredAt: ctx.clock.now().toISOString() }))
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
      statement.lines.map((l: { kind: string; label: string; from: string; to: string; amount: string }) => [
        l.kind,
        l.label,
        l.from,
        l.to,
        l.amount,
      ]),
    ).toEqual([
      ['adjustment', 'Adjustment', '2026-03-19', '2026-03-19', '-0.01'],
      ['retainer', 'Retainer', '2026-03-11', '2026-03-19', '290.32'],
    ]);
    await holds();

    // Beside spend, the figures say how much of what is owed to the ambassador is paid: 2,150.00 + 376.74 paid;
    // the rest of the quarter's payable entries (retainer to 20 March, the clawback, the carried cents) is owed.
    const relationship = (await http().get(`/v1/relationships/${term.relationshipId}`).set(ctx.owner.auth).expect(200)).body;
    expect(relationship).toMatchObject({ paid: '2526.74', owed: '272.59' });
    const report = await http()
      .get(`/v1/reports/quarterly?brandId=${relationship.brandId}&quarter=2026-Q1`)
      .set(ctx.owner.auth)
      .expect(200);
    expect(report.body).toMatchObject({ paid: '2526.74', owed: '272.59' });
    void kept;
  });

  it('claws back a commission refunded after it was paid: carried negative, shown, netted by later earnings', async () => {
    const { run, payouts, act, balance, earn } = calls();
    ctx.clock.set('2026-04-01T09:00:00Z');
    const term = await ctx.activeTerm({ startDate: '2026-04-01', endDate: '2026-12-31', retainerMonthly: '0', commissionRate: '10' });
    const influencerId = await influencerOf(term.relationshipId);
    const brandId = (await http().get(`/v1/relationships/${term.relationshipId}`).set(ctx.owner.auth).expect(200)).body.brandId;
    const order = await conversion(term.relationshipId, '1000.00');
    await ctx.accrue();
    const paid = await run('2026-04-01', brandId);
    await act(`payout-runs/${paid.id}`, 'approve').expect(200);
    await act(`payout-runs/${paid.id}`, 'mark-paid', { reference: 'PP-1' }).expect(200);

    ctx.clock.set('2026-04-05T09:00:00Z');
    await refund(order);
    await ctx.accrue();
    expect(await balance(influencerId)).toEqual([
      {
        currency: 'EUR',
        owed: '0.00',
        inOpenPayouts: '0.00',
        paidToDate: '100.00',
        carriedNegative: '-100.00',
        unpaid: '-100.00',
        payable: '0.00',
      },
    ]);
    const owed = (await http().get('/v1/payouts/balances?currency=EUR').set(ctx.owner.auth).expect(200)).body.data;
    expect(owed).toContainEqual(expect.objectContaining({ influencerId, carriedNegative: '-100.00' }));
    await run('2026-04-05', brandId);
    await earn(term.relationshipId, '60.00', '2026-04-05');
    await run('2026-04-05', brandId);
    expect(await payouts({ influencerId, status: 'draft' })).toEqual([]);
    await earn(term.relationshipId, '120.00', '2026-04-05');
    const netted = await run('2026-04-05', brandId);
    expect((await payouts({ runId: netted.id }))[0]).toMatchObject({ influencerId, amount: '80.00' });
    await holds();
  });

  it('releases the entries of a failed payout and of a cancelled run to the next run; refuses illegal moves', async () => {
    const { run, payouts, act, balance, earn } = calls();
    ctx.clock.set('2026-05-01T09:00:00Z');
    const { id: relationshipId, influencerId, brandId } = await relationshipFixture(http(), ctx.owner);
    await earn(relationshipId, '75.00', '2026-04-30');
    const first = await run('2026-04-30', brandId);
    const [payout] = await payouts({ runId: first.id });
    await act(`payouts/${payout.id}`, 'mark-paid', { reference: 'x' }).expect(409);
    await act(`payouts/${payout.id}`, 'approve').expect(200);
    await act(`payouts/${payout.id}`, 'fail', { reason: 'PayPal account unconfirmed' }).expect(200);
    await act(`payouts/${payout.id}`, 'approve').expect(409);
    expect((await balance(influencerId))[0]).toMatchObject({ owed: '75.00', inOpenPayouts: '0.00' });
    await holds();

    await earn(relationshipId, '25.00', '2026-04-30');
    const second = await run('2026-04-30', brandId);
    expect(second.totals).toEqual([{ status: 'draft', currency: 'EUR', payouts: 1, amount: '100.00' }]);
    const cancelled = await act(`payout-runs/${second.id}`, 'cancel', { reason: 'Wrong period' }).expect(200);
    expect(cancelled.body).toMatchObject({ changed: 1, run: { totals: [{ status: 'cancelled', amount: '100.00' }] } });
    await act(`payout-runs/${second.id}`, 'approve').expect(409);
    const third = await run('2026-04-30', brandId);
    expect((await payouts({ runId: third.id }))[0]).toMatchObject({ influencerId, amount: '100.00', status: 'draft' });
    await holds();
  });

  it('applies the minimum in each currency’s units (EUR 2, JPY 0, KWD 3 decimals) and carries what is under it', async () => {
    const { run, payouts, earn } = calls();
    ctx.clock.set('2026-06-01T09:00:00Z');
    const eur = await relationshipFixture(http(), ctx.owner);
    await earn(eur.id, '49.99', '2026-05-31');
    await run('2026-05-31', eur.brandId);
    expect(await payouts({ influencerId: eur.influencerId })).toEqual([]);
    await earn(eur.id, '0.01', '2026-05-31');
    const reached = await run('2026-05-31', eur.brandId);
    expect((await payouts({ runId: reached.id }))[0]).toMatchObject({ amount: '50.00' });

    await http().patch('/v1/payout-settings').set(ctx.owner.auth).send({ minimum: '100.00' }).expect(200);
    await earn(eur.id, '60.00', '2026-05-31');
    expect((await run('2026-05-31', eur.brandId)).totals).toEqual([]);
    await http().patch('/v1/payout-settings').set(ctx.owner.auth).send({ minimum: '50.00' }).expect(200);

    // JPY: 1,234 × 7.5 % = 92.55 yen of commission; a payout pays whole yen, 0.55 is carried.
    const jpy = await ctx.activeTerm(
      { startDate: '2026-06-01', endDate: '2026-12-31', retainerMonthly: '0', feePerDeliverable: '0', commissionRate: '7.5' },
      { currency: 'JPY', timezone: 'Asia/Tokyo' },
    );
    await conversion(jpy.relationshipId, '1234', 'JPY');
    await ctx.accrue();
    await earn(jpy.relationshipId, '5000', '2026-06-01');
    const yen = await run('2026-06-01');
    expect(await payouts({ runId: yen.id, status: 'draft' })).toContainEqual(expect.objectContaining({ currency: 'JPY', amount: '5092' }));
    const [carried] = await ctx.q<{ amount: string }>(
      `SELECT amount::text FROM cost_entries WHERE relationship_id = $1 AND kind = 'adjustment' AND source_id IS NULL`,
      [jpy.relationshipId],
    );
    expect(carried).toEqual({ amount: '0.5500' });

    const kwd = await relationshipFixture(http(), ctx.owner, { currency: 'KWD', timezone: 'Asia/Kuwait' });
    await earn(kwd.id, '49.999', '2026-06-01');
    await run('2026-06-01', kwd.brandId);
    expect(await payouts({ influencerId: kwd.influencerId })).toEqual([]);
    await earn(kwd.id, '10.126', '2026-06-01');
    const dinar = await run('2026-06-01', kwd.brandId);
    expect((await payouts({ runId: dinar.id }))[0]).toMatchObject({ currency: 'KWD', amount: '60.125' });
    await holds();
  });

  it("takes entries through periodEnd as each brand's calendar day, and refuses a day not begun", async () => {
    const { run, payouts, earn } = calls();
    // 06:30 UTC on 1 April: still 31 March in Los Angeles, already 1 April (evening) in Auckland.
    ctx.clock.set('2026-04-01T06:30:00Z');
    const la = await relationshipFixture(http(), ctx.owner, { currency: 'USD', timezone: 'America/Los_Angeles' });
    const nz = await relationshipFixture(http(), ctx.owner, { currency: 'NZD', timezone: 'Pacific/Auckland' });
    expect((await earn(la.id, '70.00')).incurredOn).toBe('2026-03-31');
    expect((await earn(nz.id, '70.00')).incurredOn).toBe('2026-04-01');
    const march = await run('2026-03-31');
    const made = await payouts({ runId: march.id });
    expect(made.map((p) => p.influencerId)).toContain(la.influencerId);
    expect(made.map((p) => p.influencerId)).not.toContain(nz.influencerId);
    const early = await http()
      .post('/v1/payout-runs')
      .set(ctx.owner.auth)
      .send({ periodEnd: '2026-04-01', brandId: la.brandId })
      .expect(400);
    expect(early.body.errors).toEqual([{ field: 'periodEnd', message: expect.stringContaining('America/Los_Angeles') }]);
    const april = await run('2026-04-01', nz.brandId);
    expect((await payouts({ runId: april.id }))[0]).toMatchObject({ influencerId: nz.influencerId, amount: '70.00' });
    await holds();
  });

  it('lists everyone owed by name, a page at a time, with a cursor that refuses tampering', async () => {
    const session = await signup(http());
    const { earn } = payoutCalls(http(), session);
    for (const name of ['Zoe Adams', 'Ann Baker', 'Mia Chen']) {
      const { id, influencerId } = await relationshipFixture(http(), session);
      await http().patch(`/v1/influencers/${influencerId}`).set(session.auth).send({ name }).expect(200);
      await earn(id, '70.00');
    }
    const page = (query: Record<string, string>) => http().get('/v1/payouts/balances').query(query).set(session.auth);
    const first = (await page({ limit: '2' }).expect(200)).body;
    expect(first.data.map((row: { influencerName: string }) => row.influencerName)).toEqual(['Ann Baker', 'Mia Chen']);
    const second = (await page({ limit: '2', cursor: first.nextCursor }).expect(200)).body;
    expect(second).toMatchObject({ data: [expect.objectContaining({ influencerName: 'Zoe Adams', owed: '70.00' })], nextCursor: null });
    for (const parts of [
      [1, 'x', 'EUR'],
      ['Ann Baker', '-'.repeat(36), 'EUR'],
    ]) {
      const tampered = Buffer.from(JSON.stringify(parts)).toString('base64url');
      expect((await page({ cursor: tampered }).expect(400)).body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }

    // A run's payouts by payee, each with the payee's name; a cursor of the newest-first order is refused there.
    const { run } = payoutCalls(http(), session);
    const { id: runId } = await run(ctx.clock.now().toISOString().slice(0, 10));
    const payouts = (query: Record<string, string>) =>
      http()
        .get('/v1/payouts')
        .query({ runId, ...query })
        .set(session.auth);
    const byPayee = (await payouts({ sort: 'payee', limit: '2' }).expect(200)).body;
    expect(byPayee.data.map((p: { influencerName: string }) => p.influencerName)).toEqual(['Ann Baker', 'Mia Chen']);
    const rest = (await payouts({ sort: 'payee', limit: '2', cursor: byPayee.nextCursor }).expect(200)).body;
    expect(rest).toMatchObject({ data: [expect.objectContaining({ influencerName: 'Zoe Adams', amount: '70.00' })], nextCursor: null });
    const newest = (await payouts({ limit: '2' }).expect(200)).body;
    expect(newest.data).toHaveLength(2);
    expect(newest.data.every((p: { influencerName?: string }) => typeof p.influencerName === 'string')).toBe(true);
    expect((await payouts({ sort: 'payee', cursor: newest.nextCursor }).expect(400)).body.errors).toEqual([
      expect.objectContaining({ field: 'cursor' }),
    ]);
    await payouts({ sort: 'name' }).expect(400);
  });
});
