import { conversionBody, signup, unmarkedCosts, useAccrualWorker } from './support';

describe('costs.accrue: approvals and commission (e2e: real PostgreSQL and Redis, FixedClock)', () => {
  const ctx = useAccrualWorker('2026-03-10T12:00:00Z');
  const { activeTerm, q, accrue: run } = ctx;
  const conversion = (id: string) =>
    ctx.t.http
      .get(`/v1/conversions/${id}`)
      .set(ctx.owner.auth)
      .expect(200)
      .then((r) => r.body);
  const reverse = (id: string, amount?: string) =>
    ctx.t.http.post(`/v1/conversions/${id}/reverse`).set(ctx.owner.auth).send({ amount, reason: 'Returned' }).expect(200);
  const commissionEntries = async (sourceIds: string[]): Promise<{ sourceId: string; day: string; amount: string }[]> =>
    q(
      `SELECT source_id AS "sourceId", incurred_on::text AS day, amount::text FROM cost_entries WHERE kind = 'commission' AND source_id = ANY($1::uuid[]) ORDER BY incurred_on, amount DESC`,
      [sourceIds],
    );
  const ids: Record<'kept' | 'partly' | 'refunded', string> = { kept: '', partly: '', refunded: '' };

  it('approves after the lock period (not before), once, with the commission of what is left after refunds', async () => {
    ctx.clock.set('2026-03-10T12:00:00Z');
    const term = await activeTerm({ startDate: '2026-03-01', endDate: '2026-08-31', retainerMonthly: '0', commissionRate: '10' });
    for (const key of Object.keys(ids) as (keyof typeof ids)[]) {
      // 100.00 − 10.00 discount: net 90.00, commission 9.00; occurred 11:00 UTC.
      const body = conversionBody({ relationshipId: term.relationshipId, occurredAt: '2026-03-10T12:00:00+01:00' });
      ids[key] = (await ctx.t.http.post('/v1/conversions').set(ctx.owner.auth).send(body).expect(201)).body.id;
    }
    await reverse(ids.partly, '30.00');
    await reverse(ids.refunded);

    // 30 days of 24 hours after occurredAt, less one second.
    ctx.clock.set('2026-04-09T10:59:59Z');
    await run();
    expect((await conversion(ids.kept)).status).toBe('pending');
    expect(await commissionEntries(Object.values(ids))).toEqual([]);

    ctx.clock.set('2026-04-09T11:00:00Z');
    await Promise.all([run(), run()]);
    await run();
    expect(await conversion(ids.kept)).toMatchObject({ status: 'approved', approvedAt: '2026-04-09T11:00:00.000Z' });
    expect(await conversion(ids.partly)).toMatchObject({ status: 'approved', reversedAmount: '30.00' });
    expect(await conversion(ids.refunded)).toMatchObject({ status: 'reversed', approvedAt: null });
    expect(await commissionEntries(Object.values(ids))).toEqual([
      { sourceId: ids.kept, day: '2026-04-09', amount: '9.0000' },
      { sourceId: ids.partly, day: '2026-04-09', amount: '6.0000' },
    ]);
    const [{ contracts }] = await q(
      `SELECT array_agg(DISTINCT contract_id) AS contracts FROM cost_entries WHERE source_id = ANY($1::uuid[])`,
      [Object.values(ids)],
    );
    expect(contracts).toEqual([term.id]);
  });

  it('records a refund after approval as a negative commission entry on its own day, so the entries add up', async () => {
    ctx.clock.set('2026-04-20T10:00:00Z');
    await reverse(ids.kept, '45.00');
    ctx.clock.set('2026-04-25T22:30:00Z'); // 26 April in Paris
    await reverse(ids.kept);
    await run();
    await run();

    const reversals: { id: string }[] = await q(`SELECT id FROM conversion_reversals WHERE conversion_id = $1 ORDER BY occurred_at`, [
      ids.kept,
    ]);
    expect(await commissionEntries([ids.kept, ...reversals.map((r) => r.id)])).toEqual([
      { sourceId: ids.kept, day: '2026-04-09', amount: '9.0000' },
      { sourceId: reversals[0].id, day: '2026-04-20', amount: '-4.5000' },
      { sourceId: reversals[1].id, day: '2026-04-26', amount: '-4.5000' },
    ]);
    expect((await conversion(ids.kept)).status).toBe('reversed');
  });

  it('gives a refund at the very instant of the approval its negative entry, whether recorded just before or just after it', async () => {
    ctx.clock.set('2026-04-10T09:00:00Z');
    const term = await activeTerm({ startDate: '2026-04-01', endDate: '2026-09-30', retainerMonthly: '0', commissionRate: '10' });
    const post = () =>
      ctx.t.http
        .post('/v1/conversions')
        .set(ctx.owner.auth)
        .send(conversionBody({ relationshipId: term.relationshipId, occurredAt: '2026-04-10T09:00:00Z' }))
        .expect(201)
        .then((r) => r.body.id as string);
    const before = await post();
    const after = await post();
    // 30 days of 24 hours later: both are due at this instant, and both get a 30.00 refund at it too.
    ctx.clock.set('2026-05-10T09:00:00Z');
    await reverse(before, '30.00');
    await run();
    expect((await conversion(after)).approvedAt).toBe('2026-05-10T09:00:00.000Z');
    await reverse(after, '30.00');
    await run();

    const sources = async (id: string) => {
      const reversals: { id: string }[] = await q(`SELECT id FROM conversion_reversals WHERE conversion_id = $1`, [id]);
      return [id, ...reversals.map((r) => r.id)];
    };
    const entries = async (id: string) => commissionEntries(await sources(id));
    const total = async (id: string) =>
      (
        await q(`SELECT sum(amount)::text AS total FROM cost_entries WHERE kind = 'commission' AND source_id = ANY($1::uuid[])`, [
          await sources(id),
        ])
      )[0].total as string;
    // Net 90.00 − 30.00 at 10 %: the entries of each come to 6.00 (the refund recorded after the approval was lost: 9.00).
    expect({ before: await total(before), after: await total(after) }).toEqual({ before: '6.0000', after: '6.0000' });
    // Both as an approval of 9.00 and a refund entry of −3.00 on the same day: the instant is the refund's.
    for (const id of [before, after])
      expect((await entries(id)).map(({ day, amount }) => ({ day, amount }))).toEqual([
        { day: '2026-05-10', amount: '9.0000' },
        { day: '2026-05-10', amount: '-3.0000' },
      ]);
  });

  it('approves at once in a workspace whose lock period is 0 days', async () => {
    ctx.clock.set('2026-05-04T08:00:00Z');
    const other = await signup(ctx.t.http);
    await ctx.t.http.patch('/v1/workspace').set(other.auth).send({ conversionLockDays: 0 }).expect(200);
    const term = await activeTerm(
      { startDate: '2026-05-01', endDate: '2026-10-31', retainerMonthly: '0', commissionRate: '12.5' },
      {},
      other,
    );
    const body = conversionBody({
      relationshipId: term.relationshipId,
      occurredAt: '2026-05-04T07:59:00Z',
      amount: '80.00',
      discount: '0',
    });
    const { id } = (await ctx.t.http.post('/v1/conversions').set(other.auth).send(body).expect(201)).body;
    // The first workspace still waits 30 days for a conversion of the same moment.
    const mine = await activeTerm({ startDate: '2026-05-01', endDate: '2026-10-31', retainerMonthly: '0', commissionRate: '10' });
    const held = (
      await ctx.t.http
        .post('/v1/conversions')
        .set(ctx.owner.auth)
        .send({ ...body, relationshipId: mine.relationshipId })
        .expect(201)
    ).body;
    await run();
    const approved = (await ctx.t.http.get(`/v1/conversions/${id}`).set(other.auth).expect(200)).body;
    expect(approved).toMatchObject({ status: 'approved', approvedAt: '2026-05-04T08:00:00.000Z' });
    expect(await q(`SELECT amount::text, workspace_id AS "workspaceId" FROM cost_entries WHERE source_id = $1`, [id])).toEqual([
      { amount: '10.0000', workspaceId: other.workspaceId },
    ]);
    expect((await ctx.t.http.get(`/v1/conversions/${held.id}`).set(ctx.owner.auth).expect(200)).body.status).toBe('pending');
  });

  it("marks every entry's (relationship, day) dirty and asks for each relationship's rollup", async () => {
    expect(await unmarkedCosts(ctx)).toEqual({ entries: [], relationships: [] });
  });
});
