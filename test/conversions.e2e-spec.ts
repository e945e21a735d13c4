import { apiKeySession, conversionBody, relationshipFixture, signup, trackingCodeFixture, useTestApp } from './support';

describe('conversions: single ingest and attribution (e2e)', () => {
  const ctx = useTestApp();
  const post = (body: Record<string, unknown>) => ctx.t.http.post('/v1/conversions').set(ctx.owner.auth).send(body);

  it('answers 201 for a new conversion, 200 with the original for an identical repeat, 409 naming what differs otherwise', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const body = conversionBody({ relationshipId: relationship.id, customerType: 'new' });
    const created = await post(body).expect(201);
    expect(created.body).toMatchObject({
      relationshipId: relationship.id,
      attributedBy: 'relationship',
      grossAmount: '100.00',
      discountAmount: '10.00',
      netAmount: '90.00',
      currency: 'EUR',
      status: 'pending',
      contractId: null,
      commissionAmount: '0.00',
      customerType: 'new',
      occurredAt: '2026-03-10T11:00:00.000Z',
    });
    // Same values written otherwise ("100" for "100.00", another offset for the same instant): identical.
    const repeat = await post({ ...body, amount: '100', occurredAt: '2026-03-10T11:00:00Z' }).expect(200);
    expect(repeat.body).toEqual(created.body);

    const other = await post({ ...body, amount: '999.00', occurredAt: '2026-03-11T11:00:00Z' }).expect(409);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(other.body).toMatchObject({ code: 'CONVERSION_CONFLICT', conversionId: created.body.id, fields: ['occurredAt', 'amount'] });
    expect(other.body.errors.map((e: { field: string }) => e.field)).toEqual(['occurredAt', 'amount']);
    const code = await trackingCodeFixture(ctx.t.http, ctx.owner, relationship.id);
    const byCode = { ...body, relationshipId: undefined, code: code.code };
    expect((await post(byCode).expect(409)).body.fields).toEqual(['code']);
    expect((await post({ ...body, currency: 'USD', fxRate: '1' }).expect(409)).body.fields).toEqual(['currency', 'fxRate']);
    expect((await post({ ...body, customerType: 'returning' }).expect(409)).body.fields).toEqual(['customerType']);
    // The stored values win.
    expect((await ctx.t.http.get(`/v1/conversions/${created.body.id}`).set(ctx.owner.auth).expect(200)).body).toEqual(created.body);
  });

  it('refuses an occurredAt more than 5 minutes ahead, or out of the range every layer holds, naming the field', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const refused = async (occurredAt: string, message: string) =>
      expect((await post(conversionBody({ relationshipId: relationship.id, occurredAt })).expect(400)).body.errors).toEqual([
        { field: 'occurredAt', message },
      ]);
    await refused(at(365 * 86_400_000), 'must not be in the future');
    await refused(at(10 * 60_000), 'must not be in the future');
    // The CSV path (source "csv") is refused alike.
    expect(
      (await post(conversionBody({ source: 'csv', relationshipId: relationship.id, occurredAt: at(86_400_000) })).expect(400)).body.errors,
    ).toEqual([{ field: 'occurredAt', message: 'must not be in the future' }]);
    await refused('9999-12-31T23:59:59Z', 'must be between 1900-01-01T00:00:00Z and 9998-12-31T23:59:59Z');
    await refused('1899-12-31T23:59:59Z', 'must be between 1900-01-01T00:00:00Z and 9998-12-31T23:59:59Z');
    // Clock skew within the tolerance is accepted.
    await post(conversionBody({ relationshipId: relationship.id, occurredAt: at(60_000) })).expect(201);
    // The shared rule holds for every timestamp the API reads, filters included.
    await ctx.t.http.get('/v1/conversions?from=9999-12-31T23:59:59Z').set(ctx.owner.auth).expect(400);
    const code = { relationshipId: relationship.id, kind: 'code', code: 'FOREVER', validTo: '9999-12-31T23:59:59Z' };
    expect((await ctx.t.http.post('/v1/tracking-codes').set(ctx.owner.auth).send(code).expect(400)).body.errors[0].field).toBe('validTo');
  });

  it('records one row for 5 concurrent identical posts, exactly one of them 201', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const body = conversionBody({ relationshipId: relationship.id });
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(body)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(
      (await ctx.t.http.get(`/v1/conversions?relationshipId=${relationship.id}`).set(ctx.owner.auth).expect(200)).body.data,
    ).toHaveLength(1);
  });

  it('replays a 200 under the same Idempotency-Key as a 200', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const body = conversionBody({ relationshipId: relationship.id });
    await post(body).expect(201);
    const send = () => ctx.t.http.post('/v1/conversions').set(ctx.owner.auth).set('Idempotency-Key', `k-${body.externalId}`).send(body);
    await send().expect(200);
    const replay = await send().expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('attributes by code (any case) inside its window, by link, and rejects an unknown or expired code', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const code = await trackingCodeFixture(ctx.t.http, ctx.owner, relationship.id, {
      code: 'Spring-Anna',
      validFrom: '2026-03-01T00:00:00Z',
      validTo: '2026-04-01T00:00:00Z',
    });
    const link = await trackingCodeFixture(ctx.t.http, ctx.owner, relationship.id, { kind: 'link', code: 'anna-bio' });
    const byCode = await post(conversionBody({ code: 'SPRING-ANNA' })).expect(201);
    expect(byCode.body).toMatchObject({ relationshipId: relationship.id, attributedBy: 'code', trackingCodeId: code.id });
    const byLink = await post(conversionBody({ link: 'Anna-Bio' })).expect(201);
    expect(byLink.body).toMatchObject({ relationshipId: relationship.id, attributedBy: 'link', trackingCodeId: link.id });

    const expired = await post(conversionBody({ code: 'spring-anna', occurredAt: '2026-04-01T00:00:00Z' })).expect(400);
    expect(expired.body.errors).toEqual([{ field: 'code', message: expect.stringContaining('is not valid at occurredAt') }]);
    const unknown = await post(conversionBody({ code: 'NOPE' })).expect(400);
    expect(unknown.body.errors).toEqual([{ field: 'code', message: '"NOPE" is not a known tracking code' }]);
    expect((await post(conversionBody({})).expect(400)).body.errors[0].field).toBe('relationshipId');

    const kept = await post(conversionBody({ code: 'NOPE', unattributed: true })).expect(201);
    expect(kept.body).toMatchObject({ relationshipId: null, attributedBy: null, netAmount: '90.00', currency: 'EUR' });
  });

  it('needs an fx rate for another currency and stores both amounts, rounded half-even', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner, { currency: 'EUR' });
    const usd = conversionBody({ relationshipId: relationship.id, currency: 'USD', amount: '100.00', discount: '0.25' });
    expect((await post(usd).expect(400)).body.errors).toEqual([
      { field: 'fxRate', message: "is required: the brand's currency is EUR, not USD" },
    ]);
    const converted = await post({ ...usd, fxRate: '0.9' }).expect(201);
    expect(converted.body).toMatchObject({
      currency: 'EUR',
      grossAmount: '90.00',
      discountAmount: '0.22',
      netAmount: '89.78',
      originalCurrency: 'USD',
      originalNetAmount: '99.75',
      fxRate: '0.9',
    });
  });

  it('validates shapes and money rules with field errors', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const bad = await post({
      source: 'shopify',
      externalId: '',
      occurredAt: '2026-03-10T12:00:00',
      amount: '-1',
      currency: 'EURO',
      fxRate: '0',
      extra: true,
    }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'amount',
      'currency',
      'externalId',
      'extra',
      'fxRate',
      'occurredAt',
      'source',
    ]);
    const over = await post(conversionBody({ relationshipId: relationship.id, discount: '100.01' })).expect(400);
    expect(over.body.errors).toEqual([{ field: 'discount', message: 'must not exceed amount' }]);
    await post(conversionBody({ relationshipId: '00000000-0000-4000-8000-000000000000' })).expect(400);
  });

  it("404s another workspace's conversion and 403s viewer writes", async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const { body } = await post(conversionBody({ relationshipId: relationship.id })).expect(201);
    const intruder = await signup(ctx.t.http);
    await ctx.t.http.get(`/v1/conversions/${body.id}`).set(intruder.auth).expect(404);
    await ctx.t.http.post(`/v1/conversions/${body.id}/reverse`).set(intruder.auth).send({ reason: 'x' }).expect(404);
    expect((await ctx.t.http.get('/v1/conversions').set(intruder.auth).expect(200)).body.data).toEqual([]);
    const viewer = await apiKeySession(ctx.t.http, ctx.owner, 'viewer');
    await ctx.t.http
      .post('/v1/conversions')
      .set(viewer.auth)
      .send(conversionBody({ relationshipId: relationship.id }))
      .expect(403);
    await ctx.t.http
      .post('/v1/conversions/batch')
      .set(viewer.auth)
      .send({ conversions: [conversionBody()] })
      .expect(403);
    await ctx.t.http.post(`/v1/conversions/${body.id}/reverse`).set(viewer.auth).send({ reason: 'x' }).expect(403);
    await ctx.t.http.get(`/v1/conversions/${body.id}`).set(viewer.auth).expect(200);
  });
});
