import { Client } from 'pg';
import { apiKeySession, brandBody, influencerBody, Session, signup, useTestApp } from './support';

type Influencer = {
  id: string;
  name: string;
  tier: string;
  socialAccounts: { id: string; platform: string; handle: string; followers: number }[];
};

describe('influencers (e2e)', () => {
  const ctx = useTestApp();

  const create = async (session: Session, overrides: Record<string, unknown> = {}): Promise<Influencer> =>
    (await ctx.t.http.post('/v1/influencers').set(session.auth).send(influencerBody(overrides)).expect(201)).body;
  const count = async (session: Session = ctx.owner) =>
    (await ctx.t.http.get('/v1/influencers?limit=200').set(session.auth).expect(200)).body.data.length;

  it('creates, reads, updates and deletes an influencer with normalised fields', async () => {
    const created = await create(ctx.owner, {
      name: '  Lena Berg ',
      country: 'se',
      tags: [' Outdoor', 'HIKING', 'outdoor', ''],
      socialAccounts: [
        {
          platform: 'instagram',
          handle: '@Lena.Outdoors',
          followers: 48_200,
          engagementRate: 3.25,
          asOf: '2026-03-31',
          url: 'https://instagram.com/lena.outdoors',
        },
      ],
    });
    expect(created).toMatchObject({ name: 'Lena Berg', country: 'SE', tags: ['outdoor', 'hiking'], tier: 'micro', maxFollowers: 48_200 });
    expect(created.socialAccounts).toEqual([
      expect.objectContaining({ handle: 'Lena.Outdoors', followers: 48_200, engagementRate: '3.25', asOf: '2026-03-31' }),
    ]);
    await ctx.t.http.get(`/v1/influencers/${created.id}`).set(ctx.owner.auth).expect(200, created);

    const kept = created.socialAccounts[0];
    const patched = await ctx.t.http
      .patch(`/v1/influencers/${created.id}`)
      .set(ctx.owner.auth)
      .send({
        email: null,
        notes: 'Met at the fair',
        socialAccounts: [
          { platform: 'instagram', handle: 'lena.outdoors', followers: 51_000 },
          { platform: 'youtube', handle: 'LenaB', followers: 150_000, engagementRate: '1.5' },
        ],
      })
      .expect(200);
    expect(patched.body).toMatchObject({ name: 'Lena Berg', email: null, notes: 'Met at the fair', tier: 'mid', maxFollowers: 150_000 });
    expect(patched.body.socialAccounts.map((a: Influencer['socialAccounts'][0]) => [a.platform, a.followers])).toEqual([
      ['youtube', 150_000],
      ['instagram', 51_000],
    ]);
    expect(patched.body.socialAccounts.find((a: { platform: string }) => a.platform === 'instagram')).toMatchObject({
      id: kept.id,
      handle: 'lena.outdoors',
      engagementRate: null,
    });

    const dropped = await ctx.t.http.patch(`/v1/influencers/${created.id}`).set(ctx.owner.auth).send({ socialAccounts: [] }).expect(200);
    expect(dropped.body).toMatchObject({ tier: 'nano', maxFollowers: 0, socialAccounts: [] });

    await ctx.t.http.delete(`/v1/influencers/${created.id}`).set(ctx.owner.auth).expect(204);
    await ctx.t.http.get(`/v1/influencers/${created.id}`).set(ctx.owner.auth).expect(404);
  });

  it.each([
    [{ socialAccounts: [{ platform: 'instagram', handle: 'neg', followers: -1 }] }, 'socialAccounts[0].followers'],
    [{ socialAccounts: [{ platform: 'instagram', handle: 'frac', followers: 1.5 }] }, 'socialAccounts[0].followers'],
    [{ socialAccounts: [{ platform: 'myspace', handle: 'old', followers: 1 }] }, 'socialAccounts[0].platform'],
    [
      { socialAccounts: [{ platform: 'instagram', handle: 'rate', followers: 1, engagementRate: '100.5' }] },
      'socialAccounts[0].engagementRate',
    ],
    [{ socialAccounts: [{ platform: 'instagram', handle: 'date', followers: 1, asOf: '2026-02-30' }] }, 'socialAccounts[0].asOf'],
    [{ socialAccounts: [{ platform: 'instagram', handle: 'x', followers: 1, score: 9 }] }, 'socialAccounts[0].score'],
    [
      {
        socialAccounts: [
          { platform: 'x', handle: 'Twice', followers: 1 },
          { platform: 'x', handle: '@twice', followers: 2 },
        ],
      },
      'socialAccounts',
    ],
    [{ country: 'XX' }, 'country'],
    [{ email: 'not-an-email' }, 'email'],
    [{ tags: null }, 'tags'],
    [{ followers: 10 }, 'followers'],
    [{ tier: 'mega' }, 'tier'],
  ])('rejects %j with a 400 naming the field and writes nothing', async (override, field) => {
    const before = await count();
    const response = await ctx.t.http.post('/v1/influencers').set(ctx.owner.auth).send(influencerBody(override)).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await count()).toBe(before);
  });

  it('refuses a taken handle or email with 409 and leaves no partial write', async () => {
    const first = await create(ctx.owner, { socialAccounts: [{ platform: 'tiktok', handle: 'TakenHandle', followers: 10 }] });
    const before = await count();
    const clash = await ctx.t.http
      .post('/v1/influencers')
      .set(ctx.owner.auth)
      .send(influencerBody({ socialAccounts: [{ platform: 'tiktok', handle: '@takenhandle', followers: 5 }] }))
      .expect(409);
    expect(clash.body.errors).toEqual([expect.objectContaining({ field: 'socialAccounts[0].handle' })]);
    await ctx.t.http
      .post('/v1/influencers')
      .set(ctx.owner.auth)
      .send(influencerBody({ email: (await ctx.t.http.get(`/v1/influencers/${first.id}`).set(ctx.owner.auth)).body.email.toUpperCase() }))
      .expect(409);
    expect(await count()).toBe(before);
    const other = await create(ctx.owner);
    await ctx.t.http
      .patch(`/v1/influencers/${other.id}`)
      .set(ctx.owner.auth)
      .send({ name: 'Renamed', socialAccounts: [{ platform: 'tiktok', handle: 'takenHANDLE', followers: 1 }] })
      .expect(409);
    expect((await ctx.t.http.get(`/v1/influencers/${other.id}`).set(ctx.owner.auth).expect(200)).body).toMatchObject({
      name: other.name,
      socialAccounts: other.socialAccounts,
    });
    // The same handle on another platform is someone else's account.
    await ctx.t.http
      .patch(`/v1/influencers/${other.id}`)
      .set(ctx.owner.auth)
      .send({ socialAccounts: [{ platform: 'youtube', handle: 'TakenHandle', followers: 1 }] })
      .expect(200);
  });

  it('refuses null for required fields on update', async () => {
    const influencer = await create(ctx.owner);
    const response = await ctx.t.http
      .patch(`/v1/influencers/${influencer.id}`)
      .set(ctx.owner.auth)
      .send({ name: null, socialAccounts: null })
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['name', 'socialAccounts']));
  });

  it('answers 409 when deleting an influencer who has relationships, and 404 across workspaces', async () => {
    const influencer = await create(ctx.owner);
    const brand = (await ctx.t.http.post('/v1/brands').set(ctx.owner.auth).send(brandBody()).expect(201)).body;
    const db = new Client({ connectionString: ctx.t.databaseUrl });
    await db.connect();
    try {
      await db.query('INSERT INTO relationships (workspace_id, brand_id, influencer_id) VALUES ($1, $2, $3)', [
        ctx.owner.workspaceId,
        brand.id,
        influencer.id,
      ]);
    } finally {
      await db.end();
    }
    await ctx.t.http.delete(`/v1/influencers/${influencer.id}`).set(ctx.owner.auth).expect(409);
    const stranger = await signup(ctx.t.http);
    await ctx.t.http.get(`/v1/influencers/${influencer.id}`).set(stranger.auth).expect(404);
    await ctx.t.http.patch(`/v1/influencers/${influencer.id}`).set(stranger.auth).send({ name: 'Mine' }).expect(404);
    await ctx.t.http.delete(`/v1/influencers/${influencer.id}`).set(stranger.auth).expect(404);
  });

  it('lets a viewer read but not write (403)', async () => {
    const influencer = await create(ctx.owner);
    const viewer = await apiKeySession(ctx.t.http, ctx.owner, 'viewer');
    await ctx.t.http.get('/v1/influencers').set(viewer.auth).expect(200);
    await ctx.t.http.get(`/v1/influencers/${influencer.id}`).set(viewer.auth).expect(200);
    await ctx.t.http.post('/v1/influencers').set(viewer.auth).send(influencerBody()).expect(403);
    await ctx.t.http.patch(`/v1/influencers/${influencer.id}`).set(viewer.auth).send({ name: 'Nope' }).expect(403);
    await ctx.t.http.delete(`/v1/influencers/${influencer.id}`).set(viewer.auth).expect(403);
    await ctx.t.http
      .post('/v1/influencers/import')
      .set(viewer.auth)
      .set('Content-Type', 'text/csv')
      .send('name,email\nA,a@example.com\n')
      .expect(403);
  });
});
