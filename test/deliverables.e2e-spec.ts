import { Client } from 'pg';
import { contractFixture, ContractFixture, socialAccountBody, useTestApp } from './support';

const reels = { type: 'reel', platform: 'instagram', quantity: 2, per: 'month' } as const;

describe('deliverables workflow (e2e)', () => {
  const ctx = useTestApp();
  let fixture: ContractFixture;
  let ids: string[];

  beforeAll(async () => {
    const socialAccounts = [socialAccountBody(10_000), socialAccountBody(50_000), socialAccountBody(90_000, { platform: 'tiktok' })];
    fixture = await contractFixture(ctx.t, ctx.owner, { startDate: '2026-01-01', endDate: '2026-06-30', plan: [reels], socialAccounts });
    const list = await ctx.t.http.get(`/v1/deliverables?contractId=${fixture.contractId}&limit=200`).set(ctx.owner.auth).expect(200);
    ids = list.body.data.map((d: { id: string }) => d.id);
  });

  const post = (id: string, action: string, body: object = {}) =>
    ctx.t.http.post(`/v1/deliverables/${id}/${action}`).set(ctx.owner.auth).send(body);
  const accountOf = (followers: number) => fixture.socialAccounts.find((a) => a.followers === followers)!.id;

  it('generates 2 reels a month over the 6-month term, in due-date order, with the fee in the contract currency', async () => {
    const { body } = await ctx.t.http.get(`/v1/deliverables?contractId=${fixture.contractId}&limit=200`).set(ctx.owner.auth).expect(200);
    expect(body.data).toHaveLength(12);
    expect(body.data.map((d: { dueDate: string }) => d.dueDate)).toEqual([
      '2026-01-16',
      '2026-01-31',
      '2026-02-14',
      '2026-02-28',
      '2026-03-16',
      '2026-03-31',
      '2026-04-15',
      '2026-04-30',
      '2026-05-16',
      '2026-05-31',
      '2026-06-15',
      '2026-06-30',
    ]);
    expect(body.data[0]).toMatchObject({
      contractId: fixture.contractId,
      relationshipId: fixture.relationshipId,
      brandId: fixture.brandId,
      influencerId: fixture.influencerId,
      type: 'reel',
      platform: 'instagram',
      status: 'planned',
      fee: '150.00',
      currency: 'EUR',
      metrics: null,
      engagements: null,
      engagementRate: null,
    });
  });

  it('runs planned → submitted → changes_requested → submitted → approved → published and records each step', async () => {
    const id = ids[0];
    expect((await post(id, 'submit', { contentUrl: 'https://drive.example.com/v1', caption: 'First cut' }).expect(200)).body).toMatchObject(
      { status: 'submitted', contentUrl: 'https://drive.example.com/v1', caption: 'First cut' },
    );
    expect((await post(id, 'request-changes', { comment: 'Show the logo earlier' }).expect(200)).body).toMatchObject({
      status: 'changes_requested',
      reviewComment: 'Show the logo earlier',
    });
    expect((await post(id, 'submit', { contentUrl: 'https://drive.example.com/v2' }).expect(200)).body).toMatchObject({
      status: 'submitted',
      contentUrl: 'https://drive.example.com/v2',
      caption: null,
    });
    const approved = (await post(id, 'approve').expect(200)).body;
    expect(approved.status).toBe('approved');
    expect(approved.approvedAt).toEqual(expect.any(String));
    const published = (
      await post(id, 'publish', { postUrl: 'https://www.instagram.com/p/abc/', publishedAt: '2026-01-16T18:00:00+01:00' }).expect(200)
    ).body;
    // No linked account: the influencer's largest instagram account, not the larger tiktok one.
    expect(published).toMatchObject({
      status: 'published',
      postUrl: 'https://www.instagram.com/p/abc/',
      publishedAt: '2026-01-16T17:00:00.000Z',
      followersAtPublish: 50_000,
    });

    const client = new Client({ connectionString: ctx.t.databaseUrl });
    await client.connect();
    const { rows } = await client.query(`SELECT action, changes FROM activity_log WHERE entity_id = $1 ORDER BY created_at, action`, [id]);
    await client.end();
    expect(rows.map((r) => r.action)).toEqual(['submitted', 'changes_requested', 'submitted', 'approved', 'published']);
    expect(rows[0].changes.status).toEqual({ from: 'planned', to: 'submitted' });
    expect(rows[4].changes.followersAtPublish).toEqual({ from: null, to: 50_000 });
  });

  it('keeps the latest snapshot by capturedAt and derives engagements and the engagement rate', async () => {
    const id = ids[0];
    const later = await post(id, 'metrics', {
      impressions: 9_000,
      likes: 400,
      comments: 50,
      shares: 25,
      saves: 25,
      capturedAt: '2026-01-20T10:00:00Z',
    }).expect(201);
    expect(later.body).toMatchObject({
      deliverableId: id,
      impressions: 9_000,
      reach: 0,
      views: 0,
      clicks: 0,
      likes: 400,
      capturedAt: '2026-01-20T10:00:00.000Z',
    });
    // Sent afterwards but captured earlier: it does not replace the later capture.
    await post(id, 'metrics', { likes: 100, capturedAt: '2026-01-18T10:00:00Z' }).expect(201);
    const { body } = await ctx.t.http.get(`/v1/deliverables/${id}`).set(ctx.owner.auth).expect(200);
    expect(body.metrics).toEqual({
      impressions: 9_000,
      reach: 0,
      views: 0,
      likes: 400,
      comments: 50,
      shares: 25,
      saves: 25,
      clicks: 0,
      capturedAt: '2026-01-20T10:00:00.000Z',
    });
    expect(body.engagements).toBe(500);
    expect(body.engagementRate).toBe('0.0100');
  });

  it('uses the linked account for the audience and leaves the rate null without followers', async () => {
    const id = ids[1];
    await ctx.t.http
      .patch(`/v1/deliverables/${id}`)
      .set(ctx.owner.auth)
      .send({ socialAccountId: accountOf(10_000) })
      .expect(200);
    await post(id, 'submit', { contentUrl: 'https://drive.example.com/b' }).expect(200);
    await post(id, 'approve').expect(200);
    expect((await post(id, 'publish', { postUrl: 'https://www.instagram.com/p/b/' }).expect(200)).body.followersAtPublish).toBe(10_000);
    await post(id, 'metrics', { likes: 333 }).expect(201);
    expect((await ctx.t.http.get(`/v1/deliverables/${id}`).set(ctx.owner.auth).expect(200)).body).toMatchObject({
      engagements: 333,
      engagementRate: '0.0333',
    });

    // A youtube deliverable of an influencer without a youtube account has no audience.
    const youtube = ids[2];
    await ctx.t.http.patch(`/v1/deliverables/${youtube}`).set(ctx.owner.auth).send({ platform: 'youtube', type: 'video' }).expect(200);
    for (const [action, body] of [
      ['submit', { contentUrl: 'https://drive.example.com/c' }],
      ['approve', {}],
      ['publish', { postUrl: 'https://youtu.be/c' }],
    ] as const)
      await post(youtube, action, body).expect(200);
    await post(youtube, 'metrics', { likes: 10 }).expect(201);
    expect((await ctx.t.http.get(`/v1/deliverables/${youtube}`).set(ctx.owner.auth).expect(200)).body).toMatchObject({
      followersAtPublish: null,
      engagements: 10,
      engagementRate: null,
    });
  });

  it('cancels any open deliverable and then refuses to move it', async () => {
    const id = ids[3];
    await post(id, 'submit', { contentUrl: 'https://drive.example.com/d' }).expect(200);
    const cancelled = (await post(id, 'cancel').expect(200)).body;
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });
    expect((await post(id, 'submit', { contentUrl: 'https://drive.example.com/d' }).expect(409)).body).toMatchObject({
      code: 'DELIVERABLE_ILLEGAL_TRANSITION',
      currentStatus: 'cancelled',
    });
  });
});
