import { apiKeySession, influencerBody, Session, signup, socialAccountBody as account, useTestApp } from './support';

describe('influencer tiers and workspace thresholds (e2e)', () => {
  const ctx = useTestApp();

  const create = async (
    session: Session,
    accounts: Record<string, unknown>[],
  ): Promise<{ id: string; name: string; tier: string; maxFollowers: number }> =>
    (
      await ctx.t.http
        .post('/v1/influencers')
        .set(session.auth)
        .send(influencerBody({ socialAccounts: accounts }))
        .expect(201)
    ).body;

  it.each([
    [0, 'nano'],
    [9_999, 'nano'],
    [10_000, 'micro'],
    [99_999, 'micro'],
    [100_000, 'mid'],
    [499_999, 'mid'],
    [500_000, 'macro'],
    [999_999, 'macro'],
    [1_000_000, 'mega'],
  ])('puts a largest account of %d followers in tier %s', async (followers, tier) => {
    const influencer = await create(ctx.owner, [account(Math.min(followers, 500)), account(followers, { platform: 'tiktok' })]);
    expect(influencer).toMatchObject({ tier, maxFollowers: followers });
  });

  it('is nano without accounts', async () => {
    expect(await create(ctx.owner, [])).toMatchObject({ tier: 'nano', maxFollowers: 0 });
  });

  it('recomputes every tier when an admin changes the thresholds', async () => {
    const ws = await signup(ctx.t.http);
    const tierOf = async (id: string) => (await ctx.t.http.get(`/v1/influencers/${id}`).set(ws.auth).expect(200)).body.tier;
    const small = await create(ws, [account(15_000)]);
    const medium = await create(ws, [account(60_000)]);
    const large = await create(ws, [account(150_000)]);
    expect([small.tier, medium.tier, large.tier]).toEqual(['micro', 'micro', 'mid']);

    const tierThresholds = { micro: 50_000, mid: 100_000, macro: 120_000, mega: 1_000_000 };
    const updated = await ctx.t.http.patch('/v1/workspace').set(ws.auth).send({ tierThresholds, conversionLockDays: 14 }).expect(200);
    expect(updated.body).toMatchObject({ tierThresholds, conversionLockDays: 14 });
    expect([await tierOf(small.id), await tierOf(medium.id), await tierOf(large.id)]).toEqual(['nano', 'micro', 'macro']);
    const macro = (await ctx.t.http.get('/v1/influencers?tier=macro').set(ws.auth).expect(200)).body.data;
    expect(macro.map((i: { id: string }) => i.id)).toEqual([large.id]);
    expect((await create(ws, [account(120_000)])).tier).toBe('macro');
    expect((await ctx.t.http.get('/v1/workspace').set(ws.auth).expect(200)).body.tierThresholds).toEqual(tierThresholds);
    // Other workspaces keep their tiers.
    expect((await ctx.t.http.get(`/v1/influencers?tier=micro&limit=200`).set(ctx.owner.auth).expect(200)).body.data.length).toBeGreaterThan(
      0,
    );
  });

  it.each([
    [{ tierThresholds: { micro: 10, mid: 10, macro: 30, mega: 40 } }, 'tierThresholds'],
    [{ tierThresholds: { micro: 0, mid: 10, macro: 30, mega: 40 } }, 'tierThresholds.micro'],
    [{ tierThresholds: { micro: 1, mid: 10, macro: 30 } }, 'tierThresholds.mega'],
    [{ tierThresholds: { micro: 1, mid: 10, macro: 30, mega: 40, giga: 50 } }, 'tierThresholds.giga'],
    [{ conversionLockDays: 366 }, 'conversionLockDays'],
    [{ name: '' }, 'name'],
  ])('refuses %j naming %s and changes nothing', async (body, field) => {
    const before = (await ctx.t.http.get('/v1/workspace').set(ctx.owner.auth).expect(200)).body;
    const response = await ctx.t.http.patch('/v1/workspace').set(ctx.owner.auth).send(body).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect((await ctx.t.http.get('/v1/workspace').set(ctx.owner.auth).expect(200)).body).toEqual(before);
  });

  it('lets any member read the settings and only admins change them', async () => {
    const manager = await apiKeySession(ctx.t.http, ctx.owner, 'manager');
    const viewer = await apiKeySession(ctx.t.http, ctx.owner, 'viewer');
    await ctx.t.http.get('/v1/workspace').set(viewer.auth).expect(200);
    await ctx.t.http.patch('/v1/workspace').set(manager.auth).send({ name: 'Mine now' }).expect(403);
    const admin = await apiKeySession(ctx.t.http, ctx.owner, 'admin');
    expect((await ctx.t.http.patch('/v1/workspace').set(admin.auth).send({ name: 'Renamed' }).expect(200)).body.name).toBe('Renamed');
  });
});
