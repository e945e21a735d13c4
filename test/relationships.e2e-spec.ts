import { randomUUID } from 'node:crypto';
import { apiKeySession, brandBody, influencerBody, relationshipFixture, signup, useTestApp } from './support';

describe('relationships (e2e)', () => {
  const ctx = useTestApp();
  const post = (path: string, body: object, auth = ctx.owner.auth) => ctx.t.http.post(path).set(auth).send(body);
  const pair = async () => ({
    brandId: (await post('/v1/brands', brandBody()).expect(201)).body.id as string,
    influencerId: (await post('/v1/influencers', influencerBody()).expect(201)).body.id as string,
  });

  it('creates a prospect owned by the caller and shows its detail without contracts', async () => {
    const { brandId, influencerId } = await pair();
    const created = await post('/v1/relationships', { brandId, influencerId, notes: 'Met at the trail expo' }).expect(201);
    expect(created.body).toMatchObject({
      brandId,
      influencerId,
      ownerUserId: ctx.owner.userId,
      status: 'prospect',
      notes: 'Met at the trail expo',
    });
    const detail = await ctx.t.http.get(`/v1/relationships/${created.body.id}`).set(ctx.owner.auth).expect(200);
    expect(detail.body).toMatchObject({
      id: created.body.id,
      status: 'prospect',
      brand: { id: brandId, currency: 'EUR', timezone: 'Europe/Paris' },
      influencer: { id: influencerId, tier: 'micro' },
      currentContract: null,
      renewalChain: [],
      figures: expect.objectContaining({ conversions: 0, netRevenue: '0.00', spend: '0.00', roi: null, roas: null, cpa: null }),
    });
  });

  it('answers a second create for the same pair with 409 and the existing id, writing nothing', async () => {
    const { brandId, influencerId } = await pair();
    const first = await post('/v1/relationships', { brandId, influencerId }).expect(201);
    const again = await post('/v1/relationships', { brandId, influencerId }).expect(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body).toMatchObject({ code: 'RELATIONSHIP_EXISTS', existingId: first.body.id });
    const list = await ctx.t.http.get(`/v1/relationships?brandId=${brandId}`).set(ctx.owner.auth).expect(200);
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([first.body.id]);
  });

  it('answers concurrent creates for one pair with one 201 and one 409', async () => {
    const { brandId, influencerId } = await pair();
    const statuses = (await Promise.all([1, 2].map(() => post('/v1/relationships', { brandId, influencerId }))))
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([201, 409]);
  });

  it('takes an owner who is a member, refuses one who is not, and has none when an API key creates it', async () => {
    const outsider = await signup(ctx.t.http);
    await post('/v1/relationships', { ...(await pair()), ownerUserId: outsider.userId }).expect(400, /ownerUserId/);
    const byKey = await apiKeySession(ctx.t.http, ctx.owner, 'manager');
    expect((await post('/v1/relationships', await pair(), byKey.auth).expect(201)).body.ownerUserId).toBeNull();
    expect(
      (await post('/v1/relationships', { ...(await pair()), ownerUserId: ctx.owner.userId }, byKey.auth).expect(201)).body.ownerUserId,
    ).toBe(ctx.owner.userId);
  });

  it('answers 404 for a brand or influencer of another workspace, 400 for bad input', async () => {
    const other = await signup(ctx.t.http);
    const theirs = (await post('/v1/brands', brandBody(), other.auth).expect(201)).body.id;
    const { influencerId } = await pair();
    await post('/v1/relationships', { brandId: theirs, influencerId }).expect(404);
    await post('/v1/relationships', { brandId: randomUUID(), influencerId }).expect(404);
    await post('/v1/relationships', { brandId: 'nope', influencerId }).expect(400, /brandId/);
    await post('/v1/relationships', { ...(await pair()), status: 'active' }).expect(400, /status/);
  });

  it('filters by brand, influencer and status and pages with a cursor', async () => {
    const session = await signup(ctx.t.http);
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await relationshipFixture(ctx.t.http, session));
    const get = (query: string) => ctx.t.http.get(`/v1/relationships?${query}`).set(session.auth).expect(200);
    expect((await get(`influencerId=${made[2].influencerId}`)).body.data).toHaveLength(1);
    expect((await get('status=prospect')).body.data).toHaveLength(5);
    expect((await get('status=active')).body.data).toHaveLength(0);
    const first = await get('limit=3');
    const second = await get(`limit=3&cursor=${first.body.nextCursor}`);
    expect([...first.body.data, ...second.body.data].map((r: { id: string }) => r.id).sort()).toEqual(made.map((r) => r.id).sort());
    expect(second.body.nextCursor).toBeNull();
    await ctx.t.http.get('/v1/relationships?status=friends').set(session.auth).expect(400);
  });

  it("searches by the influencer's name or handle and the brand's name, taking % literally", async () => {
    const session = await signup(ctx.t.http);
    const brand = (await post('/v1/brands', brandBody({ name: 'Northwind Outdoor' }), session.auth).expect(201)).body.id;
    const handle = { platform: 'instagram', handle: '@maya.runs', followers: 12_000 };
    const maya = (
      await post('/v1/influencers', influencerBody({ name: 'Maya Laurent', socialAccounts: [handle] }), session.auth).expect(201)
    ).body.id;
    const elias = (await post('/v1/influencers', influencerBody({ name: 'Elias 100% Schmidt' }), session.auth).expect(201)).body.id;
    const other = (await post('/v1/brands', brandBody({ name: 'Contoso' }), session.auth).expect(201)).body.id;
    const mayaHere = (await post('/v1/relationships', { brandId: brand, influencerId: maya }, session.auth).expect(201)).body.id;
    const eliasThere = (await post('/v1/relationships', { brandId: other, influencerId: elias }, session.auth).expect(201)).body.id;
    const search = async (q: string) =>
      (await ctx.t.http.get('/v1/relationships').query({ q }).set(session.auth).expect(200)).body.data.map((r: { id: string }) => r.id);
    expect(await search('laurent')).toEqual([mayaHere]);
    expect(await search('MAYA.RU')).toEqual([mayaHere]);
    expect(await search('northwind')).toEqual([mayaHere]);
    expect(await search('100%')).toEqual([eliasThere]);
    expect(await search('0%S')).toEqual([]);
    expect(await search('%')).toEqual([eliasThere]);
    expect((await search('o')).sort()).toEqual([mayaHere, eliasThere].sort());
    await ctx.t.http.get('/v1/relationships').query({ q: '' }).set(session.auth).expect(400);
  });

  it('lists the activity of a relationship with who did it', async () => {
    const { id } = await relationshipFixture(ctx.t.http, ctx.owner);
    const activity = await ctx.t.http.get(`/v1/relationships/${id}/activity`).set(ctx.owner.auth).expect(200);
    expect(activity.body.data).toEqual([
      expect.objectContaining({ entityType: 'relationship', entityId: id, action: 'created', actorUserId: ctx.owner.userId }),
    ]);
    await ctx.t.http.get(`/v1/relationships/${randomUUID()}/activity`).set(ctx.owner.auth).expect(404);
  });

  it('lets a viewer read but not write (403)', async () => {
    const viewer = await apiKeySession(ctx.t.http, ctx.owner, 'viewer');
    const { id } = await relationshipFixture(ctx.t.http, ctx.owner);
    await ctx.t.http.get(`/v1/relationships/${id}`).set(viewer.auth).expect(200);
    await post('/v1/relationships', await pair(), viewer.auth).expect(403);
  });
});
