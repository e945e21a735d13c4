import { apiKeySession, relationshipFixture, signup, trackingCodeFixture, useTestApp } from './support';

describe('tracking codes (e2e)', () => {
  const ctx = useTestApp();

  it('creates, reads, lists and soft-deletes a code', async () => {
    const { http } = ctx.t;
    const relationship = await relationshipFixture(http, ctx.owner);
    const body = {
      relationshipId: relationship.id,
      kind: 'link',
      code: 'anna-summer',
      destinationUrl: 'https://shop.example.com/s',
      validFrom: '2026-01-01T00:00:00+01:00',
      validTo: '2026-07-01T00:00:00+02:00',
    };
    const created = await http.post('/v1/tracking-codes').set(ctx.owner.auth).send(body).expect(201);
    expect(created.body).toMatchObject({
      kind: 'link',
      code: 'anna-summer',
      validFrom: '2025-12-31T23:00:00.000Z',
      validTo: '2026-06-30T22:00:00.000Z',
    });
    await http.get(`/v1/tracking-codes/${created.body.id}`).set(ctx.owner.auth).expect(200);
    const list = await http.get(`/v1/tracking-codes?relationshipId=${relationship.id}`).set(ctx.owner.auth).expect(200);
    expect(list.body.data.map((c: { id: string }) => c.id)).toEqual([created.body.id]);

    await http.delete(`/v1/tracking-codes/${created.body.id}`).set(ctx.owner.auth).expect(204);
    await http.get(`/v1/tracking-codes/${created.body.id}`).set(ctx.owner.auth).expect(404);
    await http.delete(`/v1/tracking-codes/${created.body.id}`).set(ctx.owner.auth).expect(404);
    expect((await http.get(`/v1/tracking-codes?relationshipId=${relationship.id}`).set(ctx.owner.auth).expect(200)).body.data).toEqual([]);
  });

  it('keeps codes unique per workspace ignoring case, and frees a deleted one', async () => {
    const { http } = ctx.t;
    const relationship = await relationshipFixture(http, ctx.owner);
    const first = await trackingCodeFixture(http, ctx.owner, relationship.id, { code: 'ANNA10' });
    const clash = await http
      .post('/v1/tracking-codes')
      .set(ctx.owner.auth)
      .send({ relationshipId: relationship.id, kind: 'link', code: 'anna10' })
      .expect(409);
    expect(clash.headers['content-type']).toMatch(/problem\+json/);
    expect(clash.body.errors).toEqual([{ field: 'code', message: expect.stringContaining('already in use') }]);

    await http.delete(`/v1/tracking-codes/${first.id}`).set(ctx.owner.auth).expect(204);
    await trackingCodeFixture(http, ctx.owner, relationship.id, { code: 'Anna10' });

    // Another workspace may use the same code.
    const other = await signup(http);
    await trackingCodeFixture(http, other, (await relationshipFixture(http, other)).id, { code: 'ANNA10' });
  });

  it('validates the body and the window', async () => {
    const { http } = ctx.t;
    const relationship = await relationshipFixture(http, ctx.owner);
    const bad = await http
      .post('/v1/tracking-codes')
      .set(ctx.owner.auth)
      .send({ relationshipId: relationship.id, kind: 'coupon', code: 'has space', extra: 1 })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['code', 'extra', 'kind']);
    const window = {
      relationshipId: relationship.id,
      kind: 'code',
      code: 'BACKWARDS',
      validFrom: '2026-02-01T00:00:00Z',
      validTo: '2026-01-01T00:00:00Z',
    };
    expect((await http.post('/v1/tracking-codes').set(ctx.owner.auth).send(window).expect(400)).body.errors).toEqual([
      { field: 'validTo', message: 'must be after validFrom' },
    ]);
  });

  it("hides other workspaces' codes and relationships, and refuses writes to viewers", async () => {
    const { http } = ctx.t;
    const relationship = await relationshipFixture(http, ctx.owner);
    const code = await trackingCodeFixture(http, ctx.owner, relationship.id);
    const intruder = await signup(http);
    await http.get(`/v1/tracking-codes/${code.id}`).set(intruder.auth).expect(404);
    await http.delete(`/v1/tracking-codes/${code.id}`).set(intruder.auth).expect(404);
    await http
      .post('/v1/tracking-codes')
      .set(intruder.auth)
      .send({ relationshipId: relationship.id, kind: 'code', code: 'STEAL' })
      .expect(404);

    const viewer = await apiKeySession(http, ctx.owner, 'viewer');
    await http
      .post('/v1/tracking-codes')
      .set(viewer.auth)
      .send({ relationshipId: relationship.id, kind: 'code', code: 'VIEWER' })
      .expect(403);
    await http.delete(`/v1/tracking-codes/${code.id}`).set(viewer.auth).expect(403);
    await http.get(`/v1/tracking-codes/${code.id}`).set(viewer.auth).expect(200);
  });
});
