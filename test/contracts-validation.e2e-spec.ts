import { contractBody, relationshipFixture, useTestApp } from './support';

describe('contracts: validation (e2e)', () => {
  const ctx = useTestApp();
  const count = async (relationshipId: string) =>
    (await ctx.t.http.get(`/v1/contracts?relationshipId=${relationshipId}`).set(ctx.owner.auth).expect(200)).body.data.length;

  it.each([
    [{ endDate: '2026-01-01' }, 'endDate'],
    [{ endDate: '2025-12-31' }, 'endDate'],
    [{ startDate: '2026-02-30' }, 'startDate'],
    [{ retainerMonthly: '1000.123' }, 'retainerMonthly'],
    [{ retainerMonthly: '-5.00' }, 'retainerMonthly'],
    [{ giftingBudget: 100 }, 'giftingBudget'],
    [{ commissionRate: '100.5' }, 'commissionRate'],
    [{ commissionRate: '10.12345' }, 'commissionRate'],
    [{ reminderDaysBefore: [30, 30] }, 'reminderDaysBefore'],
    [{ reminderDaysBefore: [0] }, 'reminderDaysBefore'],
    [{ reminderDaysBefore: [366] }, 'reminderDaysBefore'],
    [{ autoRenew: true }, 'renewalTermMonths'],
    [{ renewalTermMonths: 61 }, 'renewalTermMonths'],
    [{ noticePeriodDays: 366 }, 'noticePeriodDays'],
    [{ deliverablePlan: [{ type: 'tweet', platform: 'instagram', quantity: 1, per: 'month' }] }, 'deliverablePlan[0].type'],
    [{ deliverablePlan: [{ type: 'reel', platform: 'myspace', quantity: 1, per: 'month' }] }, 'deliverablePlan[0].platform'],
    [{ deliverablePlan: [{ type: 'reel', platform: 'instagram', quantity: 101, per: 'month' }] }, 'deliverablePlan[0].quantity'],
    [{ deliverablePlan: [{ type: 'reel', platform: 'instagram', quantity: 1.5, per: 'week' }] }, 'deliverablePlan[0].per'],
    [{ exclusivity: { category: 'shoes' } }, 'exclusivity.until'],
    [{ currency: 'USD' }, 'currency'],
    [{ status: 'active' }, 'status'],
    [{ termNumber: 7 }, 'termNumber'],
  ])('rejects %j with a 400 naming %s and writes nothing', async (override, field) => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const response = await ctx.t.http.post('/v1/contracts').set(ctx.owner.auth).send(contractBody(relationship.id, override)).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await count(relationship.id)).toBe(0);
  });

  it('bounds a term to 10 years and its plan to 1,000 deliverables, naming the field and the limit', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const refused = (override: Record<string, unknown>) =>
      ctx.t.http.post('/v1/contracts').set(ctx.owner.auth).send(contractBody(relationship.id, override)).expect(400);
    const month = (quantity: number) => [{ type: 'post', platform: 'instagram', quantity, per: 'month' }];
    // The issue: a term to 2126 of 100 posts a month made 120,024 deliverables in one 19 s request.
    expect((await refused({ endDate: '9999-12-31', deliverablePlan: month(100) })).body.errors).toEqual([
      { field: 'endDate', message: 'must be at most 10 years after the start date, on or before 2035-12-31' },
    ]);
    expect((await refused({ endDate: '2035-12-31', deliverablePlan: month(9) })).body.errors).toEqual([
      { field: 'deliverablePlan', message: expect.stringMatching(/^would generate 1080 deliverables in a term; at most 1000 are allowed/) },
    ]);
    // A renewal copies the plan: 20 a month is fine for 6 months, not for the 60 an automatic renewal would run.
    expect((await refused({ deliverablePlan: month(20), autoRenew: true, renewalTermMonths: 60 })).body.errors).toEqual([
      { field: 'deliverablePlan', message: expect.stringMatching(/^would generate 1200 deliverables/) },
    ]);
    expect(await count(relationship.id)).toBe(0);
    // At the bounds: 10 years, 1,000 deliverables (8 a month for 120 months = 960, plus 40 for the term).
    const plan = [...month(8), { type: 'video', platform: 'youtube', quantity: 40, per: 'term' }];
    const created = await ctx.t.http
      .post('/v1/contracts')
      .set(ctx.owner.auth)
      .send(contractBody(relationship.id, { endDate: '2035-12-31', deliverablePlan: plan }))
      .expect(201);
    const renew = await ctx.t.http
      .patch(`/v1/contracts/${created.body.id}`)
      .set(ctx.owner.auth)
      .send({ endDate: '2036-01-01' })
      .expect(400);
    expect(renew.body.errors).toEqual([{ field: 'endDate', message: expect.stringContaining('at most 10 years') }]);
  });

  it('names the currency rule that a money field breaks', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const response = await ctx.t.http
      .post('/v1/contracts')
      .set(ctx.owner.auth)
      .send(contractBody(relationship.id, { retainerMonthly: '1000.125' }))
      .expect(400);
    expect(response.body.errors).toEqual([{ field: 'retainerMonthly', message: 'EUR allows at most 2 decimals' }]);
  });

  it.each(['activate', 'cancel-auto-renew'])('refuses a body field that %s does not take, changing nothing', async (action) => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const draft = (
      await ctx.t.http
        .post('/v1/contracts')
        .set(ctx.owner.auth)
        .send(contractBody(relationship.id, { autoRenew: true, renewalTermMonths: 6 }))
        .expect(201)
    ).body;
    const response = await ctx.t.http
      .post(`/v1/contracts/${draft.id}/${action}`)
      .set(ctx.owner.auth)
      .send({ status: 'active' })
      .expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'status' })]);
    expect((await ctx.t.http.get(`/v1/contracts/${draft.id}`).set(ctx.owner.auth).expect(200)).body.status).toBe('draft');
  });
});
