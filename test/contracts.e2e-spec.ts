import { apiKeySession, contractBody, relationshipFixture, signup, useTestApp } from './support';

describe('contracts: drafts (e2e)', () => {
  const ctx = useTestApp();

  it('creates a draft in the brand currency with the money formatted and the term as instants', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const body = contractBody(relationship.id, {
      commissionRate: '12.5',
      giftingBudget: '300',
      exclusivity: { category: 'outdoor apparel', until: '2026-12-31' },
      autoRenew: true,
      renewalTermMonths: 6,
    });
    const created = await ctx.t.http.post('/v1/contracts').set(ctx.owner.auth).send(body).expect(201);
    expect(created.body).toMatchObject({
      relationshipId: relationship.id,
      brandId: relationship.brandId,
      influencerId: relationship.influencerId,
      previousContractId: null,
      termNumber: 1,
      status: 'draft',
      currency: 'EUR',
      retainerMonthly: '1000.00',
      feePerDeliverable: '150.00',
      giftingBudget: '300.00',
      commissionRate: '12.5',
      reminderDaysBefore: [60, 30, 7],
      noticePeriodDays: 0,
      exclusivity: { category: 'outdoor apparel', until: '2026-12-31' },
      startsAt: '2026-01-01T00:00:00.000+01:00',
      endsAt: '2026-07-01T00:00:00.000+02:00',
      createdByUserId: ctx.owner.userId,
    });
    await ctx.t.http.get(`/v1/contracts/${created.body.id}`).set(ctx.owner.auth).expect(200, created.body);
    const second = await ctx.t.http
      .post('/v1/contracts')
      .set(ctx.owner.auth)
      .send(contractBody(relationship.id, { startDate: '2026-07-01', endDate: '2026-12-31' }))
      .expect(201);
    expect(second.body.termNumber).toBe(2);
  });

  it('keeps no minor unit for JPY', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner, { currency: 'JPY', timezone: 'Asia/Tokyo' });
    const created = await ctx.t.http
      .post('/v1/contracts')
      .set(ctx.owner.auth)
      .send(contractBody(relationship.id, { retainerMonthly: '150000', feePerDeliverable: '20000' }))
      .expect(201);
    expect(created.body).toMatchObject({ currency: 'JPY', retainerMonthly: '150000', feePerDeliverable: '20000' });
    await ctx.t.http
      .post('/v1/contracts')
      .set(ctx.owner.auth)
      .send(contractBody(relationship.id, { feePerDeliverable: '20000.5' }))
      .expect(400, /feePerDeliverable/);
  });

  it("answers 404 for another workspace's relationship or contract, writing nothing", async () => {
    const other = await signup(ctx.t.http);
    const theirs = await relationshipFixture(ctx.t.http, other);
    await ctx.t.http.post('/v1/contracts').set(ctx.owner.auth).send(contractBody(theirs.id)).expect(404);
    await ctx.t.http.post('/v1/contracts').set(ctx.owner.auth).send(contractBody('00000000-0000-4000-8000-000000000000')).expect(404);
    const { body: contract } = await ctx.t.http.post('/v1/contracts').set(other.auth).send(contractBody(theirs.id)).expect(201);
    await ctx.t.http.post(`/v1/contracts/${contract.id}/activate`).set(ctx.owner.auth).expect(404);
    await ctx.t.http
      .post('/v1/deliverables')
      .set(ctx.owner.auth)
      .send({ contractId: contract.id, type: 'reel', platform: 'instagram', dueDate: '2026-02-01' })
      .expect(404);
    expect((await ctx.t.http.get(`/v1/contracts/${contract.id}`).set(other.auth).expect(200)).body.status).toBe('draft');
    expect((await ctx.t.http.get(`/v1/contracts?relationshipId=${theirs.id}`).set(ctx.owner.auth).expect(200)).body.data).toEqual([]);
  });

  it('changes a draft with PATCH, checks the result as a whole, and refuses once active (409 with currentStatus)', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const { body: draft } = await ctx.t.http.post('/v1/contracts').set(ctx.owner.auth).send(contractBody(relationship.id)).expect(201);
    const url = `/v1/contracts/${draft.id}`;
    const patched = await ctx.t.http
      .patch(url)
      .set(ctx.owner.auth)
      .send({ retainerMonthly: '1100.50', endDate: '2026-09-30', notes: 'v2', exclusivity: null })
      .expect(200);
    expect(patched.body).toMatchObject({
      retainerMonthly: '1100.50',
      endDate: '2026-09-30',
      notes: 'v2',
      exclusivity: null,
      feePerDeliverable: '150.00',
    });
    await ctx.t.http
      .patch(url)
      .set(ctx.owner.auth)
      .send({ startDate: '2026-10-01' })
      .expect(400, /endDate/);
    await ctx.t.http
      .patch(url)
      .set(ctx.owner.auth)
      .send({ retainerMonthly: null })
      .expect(400, /retainerMonthly/);
    await ctx.t.http
      .patch(url)
      .set(ctx.owner.auth)
      .send({ relationshipId: relationship.id })
      .expect(400, /relationshipId/);
    await ctx.t.http
      .patch(url)
      .set(ctx.owner.auth)
      .send({ autoRenew: true })
      .expect(400, /renewalTermMonths/);
    await ctx.t.http.post(`${url}/activate`).set(ctx.owner.auth).expect(200);
    const refused = await ctx.t.http.patch(url).set(ctx.owner.auth).send({ notes: 'v3' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'CONTRACT_NOT_EDITABLE', currentStatus: 'active' });
    const activity = await ctx.t.http.get(`/v1/relationships/${relationship.id}/activity`).set(ctx.owner.auth).expect(200);
    const update = activity.body.data.find((e: { action: string }) => e.action === 'updated');
    expect(update).toMatchObject({
      entityType: 'contract',
      entityId: draft.id,
      actorUserId: ctx.owner.userId,
      changes: { endDate: { from: '2026-06-30', to: '2026-09-30' }, notes: { from: null, to: 'v2' } },
    });
  });

  it('lists the renewal pipeline by end date with status, brand and endingBefore filters', async () => {
    const relationships = await Promise.all([0, 1, 2].map(() => relationshipFixture(ctx.t.http, ctx.owner)));
    const ends = ['2026-09-30', '2026-03-31', '2026-06-30'];
    for (const [i, r] of relationships.entries())
      await ctx.t.http
        .post('/v1/contracts')
        .set(ctx.owner.auth)
        .send(contractBody(r.id, { endDate: ends[i] }))
        .expect(201);
    const brandIds = new Set(relationships.map((r) => r.brandId));
    const pipeline = await ctx.t.http.get('/v1/contracts?status=draft&endingBefore=2026-07-01&limit=200').set(ctx.owner.auth).expect(200);
    const ours = pipeline.body.data.filter((c: { brandId: string }) => brandIds.has(c.brandId)).map((c: { endDate: string }) => c.endDate);
    expect(ours).toEqual(['2026-03-31', '2026-06-30']);
    const one = await ctx.t.http.get(`/v1/contracts?brandId=${relationships[0].brandId}`).set(ctx.owner.auth).expect(200);
    expect(one.body.data.map((c: { endDate: string }) => c.endDate)).toEqual(['2026-09-30']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; nextCursor: string | null } } = await ctx.t.http
        .get(`/v1/contracts?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set(ctx.owner.auth)
        .expect(200);
      seen.push(...page.body.data.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await ctx.t.http.get('/v1/contracts?limit=200').set(ctx.owner.auth).expect(200)).body.data.length);
  });

  it('lets a viewer read but not write (403)', async () => {
    const viewer = await apiKeySession(ctx.t.http, ctx.owner, 'viewer');
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const { body: draft } = await ctx.t.http.post('/v1/contracts').set(ctx.owner.auth).send(contractBody(relationship.id)).expect(201);
    await ctx.t.http.get(`/v1/contracts/${draft.id}`).set(viewer.auth).expect(200);
    await ctx.t.http.post('/v1/contracts').set(viewer.auth).send(contractBody(relationship.id)).expect(403);
    await ctx.t.http.patch(`/v1/contracts/${draft.id}`).set(viewer.auth).send({ notes: 'x' }).expect(403);
    for (const action of ['activate', 'renew', 'terminate', 'cancel-auto-renew'])
      await ctx.t.http.post(`/v1/contracts/${draft.id}/${action}`).set(viewer.auth).send({ reason: 'x' }).expect(403);
    await ctx.t.http
      .post('/v1/deliverables')
      .set(viewer.auth)
      .send({ contractId: draft.id, type: 'reel', platform: 'instagram', dueDate: '2026-02-01' })
      .expect(403);
  });
});
