import { apiKeySession, brandBody, signup, useTestApp } from './support';

describe('brands (e2e)', () => {
  const ctx = useTestApp();

  const count = async () => (await ctx.t.http.get('/v1/brands?limit=200').set(ctx.owner.auth).expect(200)).body.data.length;

  it('creates, reads, lists, updates and deletes a brand', async () => {
    const created = await ctx.t.http
      .post('/v1/brands')
      .set(ctx.owner.auth)
      .send(brandBody({ name: 'Northwind', currency: 'usd', timezone: 'America/Los_Angeles' }))
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'Northwind',
      currency: 'USD',
      timezone: 'America/Los_Angeles',
      fiscalYearStartMonth: 1,
      managerUserIds: [ctx.owner.userId],
    });
    const id = created.body.id;
    await ctx.t.http.get(`/v1/brands/${id}`).set(ctx.owner.auth).expect(200, created.body);
    const updated = await ctx.t.http
      .patch(`/v1/brands/${id}`)
      .set(ctx.owner.auth)
      .send({ fiscalYearStartMonth: 4, timezone: 'Pacific/Auckland' })
      .expect(200);
    expect(updated.body).toMatchObject({ fiscalYearStartMonth: 4, timezone: 'Pacific/Auckland', currency: 'USD' });
    await ctx.t.http.delete(`/v1/brands/${id}`).set(ctx.owner.auth).expect(204);
    await ctx.t.http.get(`/v1/brands/${id}`).set(ctx.owner.auth).expect(404);
  });

  it.each([
    [{ currency: 'EURO' }, 'currency'],
    [{ currency: 'XYZ' }, 'currency'],
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ fiscalYearStartMonth: 13 }, 'fiscalYearStartMonth'],
    [{ workspaceId: '00000000-0000-4000-8000-000000000000' }, 'workspaceId'],
    [{ id: '00000000-0000-4000-8000-000000000000' }, 'id'],
    [{ managerUserIds: ['00000000-0000-4000-8000-000000000000'] }, 'managerUserIds'],
  ])('rejects %j with a 400 naming %s and writes nothing', async (override, field) => {
    const before = await count();
    const response = await ctx.t.http.post('/v1/brands').set(ctx.owner.auth).send(brandBody(override)).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await count()).toBe(before);
  });

  it.each([{ name: null }, { currency: null }, { timezone: null }, { fiscalYearStartMonth: null }, { managerUserIds: null }])(
    'refuses PATCH %j with a 400, not a 500',
    async (body) => {
      const { body: brand } = await ctx.t.http.post('/v1/brands').set(ctx.owner.auth).send(brandBody()).expect(201);
      const response = await ctx.t.http.patch(`/v1/brands/${brand.id}`).set(ctx.owner.auth).send(body).expect(400);
      expect(response.body.errors[0].field).toBe(Object.keys(body)[0]);
    },
  );

  it('refuses a duplicate name with 409', async () => {
    await ctx.t.http
      .post('/v1/brands')
      .set(ctx.owner.auth)
      .send(brandBody({ name: 'Twice' }))
      .expect(201);
    await ctx.t.http
      .post('/v1/brands')
      .set(ctx.owner.auth)
      .send(brandBody({ name: 'twice' }))
      .expect(409);
  });

  it('pages through brands with a cursor', async () => {
    const other = await signup(ctx.t.http);
    for (let i = 0; i < 7; i++) await ctx.t.http.post('/v1/brands').set(other.auth).send(brandBody()).expect(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; nextCursor: string | null } } = await ctx.t.http
        .get(`/v1/brands?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .set(other.auth)
        .expect(200);
      seen.push(...page.body.data.map((b) => b.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    await ctx.t.http.get('/v1/brands?limit=500').set(other.auth).expect(400);
    await ctx.t.http.get('/v1/brands?cursor=garbage').set(other.auth).expect(400);
  });

  it('lets a viewer read but not write (403)', async () => {
    const viewer = await apiKeySession(ctx.t.http, ctx.owner, 'viewer');
    await ctx.t.http.get('/v1/brands').set(viewer.auth).expect(200);
    const response = await ctx.t.http.post('/v1/brands').set(viewer.auth).send(brandBody()).expect(403);
    expect(response.body).toMatchObject({ status: 403, title: 'Forbidden' });
  });
});

describe('Idempotency-Key (e2e)', () => {
  const ctx = useTestApp();

  it('replays the first answer for a retried POST and writes once', async () => {
    const body = brandBody();
    const first = await ctx.t.http.post('/v1/brands').set(ctx.owner.auth).set('Idempotency-Key', 'create-brand-1').send(body).expect(201);
    const retry = await ctx.t.http.post('/v1/brands').set(ctx.owner.auth).set('Idempotency-Key', 'create-brand-1').send(body).expect(201);
    expect(retry.body).toEqual(JSON.parse(JSON.stringify(first.body)));
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect((await ctx.t.http.get('/v1/brands').set(ctx.owner.auth).expect(200)).body.data).toHaveLength(1);
  });

  it('refuses the same key with another body (422) and frees the key of a failed request', async () => {
    await ctx.t.http.post('/v1/brands').set(ctx.owner.auth).set('Idempotency-Key', 'k2').send(brandBody()).expect(201);
    await ctx.t.http.post('/v1/brands').set(ctx.owner.auth).set('Idempotency-Key', 'k2').send(brandBody()).expect(422);
    await ctx.t.http
      .post('/v1/brands')
      .set(ctx.owner.auth)
      .set('Idempotency-Key', 'k3')
      .send(brandBody({ name: 'Dup' }))
      .expect(201);
    await ctx.t.http
      .post('/v1/brands')
      .set(ctx.owner.auth)
      .set('Idempotency-Key', 'k4')
      .send(brandBody({ name: 'Dup' }))
      .expect(409);
    await ctx.t.http
      .post('/v1/brands')
      .set(ctx.owner.auth)
      .set('Idempotency-Key', 'k4')
      .send(brandBody({ name: 'Dup2' }))
      .expect(201);
  });
});
