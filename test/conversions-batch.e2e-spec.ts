import { conversionBody, relationshipFixture, trackingCodeFixture, useTestApp } from './support';

describe('conversions: batch, reversals and CSV export (e2e)', () => {
  const ctx = useTestApp();

  it('keeps valid rows, reports bad ones by index, counts duplicates, and inserts nothing on a re-post', async () => {
    const { http } = ctx.t;
    const relationship = await relationshipFixture(http, ctx.owner);
    await trackingCodeFixture(http, ctx.owner, relationship.id, { code: 'BATCH10' });
    const good = Array.from({ length: 1_200 }, (_, i) =>
      conversionBody({ externalId: `b-${relationship.id}-${i}`, ...(i % 2 ? { code: 'batch10' } : { relationshipId: relationship.id }) }),
    );
    const conversions = [
      ...good,
      { ...good[0] },
      conversionBody({ amount: 'ten' }),
      conversionBody({ code: 'UNKNOWN' }),
      conversionBody({ relationshipId: relationship.id, currency: 'USD' }),
      'not an object',
    ];
    const first = await http.post('/v1/conversions/batch').set(ctx.owner.auth).send({ conversions }).expect(400);
    expect(first.body.errors).toEqual([{ field: 'conversions', message: 'each item must be an object' }]);

    const result = await http
      .post('/v1/conversions/batch')
      .set(ctx.owner.auth)
      .send({ conversions: conversions.slice(0, -1) })
      .expect(200);
    expect(result.body).toEqual({
      accepted: 1_200,
      duplicates: 1,
      conflicts: [],
      rejected: [
        { index: 1_201, errors: [{ field: 'amount', message: expect.any(String) }] },
        { index: 1_202, errors: [{ field: 'code', message: '"UNKNOWN" is not a known tracking code' }] },
        { index: 1_203, errors: [{ field: 'fxRate', message: expect.stringContaining('EUR') }] },
      ],
    });
    const again = await http.post('/v1/conversions/batch').set(ctx.owner.auth).send({ conversions: good }).expect(200);
    expect(again.body).toEqual({ accepted: 0, duplicates: 1_200, conflicts: [], rejected: [] });
    await http.post('/v1/conversions/batch').set(ctx.owner.auth).send({ conversions: [] }).expect(400);
  });

  it('lists re-sent orders with other values as conflicts, and rejects only the items dated in the future or out of range', async () => {
    const { http } = ctx.t;
    const relationship = await relationshipFixture(http, ctx.owner);
    const item = (i: number, overrides: Record<string, unknown> = {}) =>
      conversionBody({ externalId: `c-${relationship.id}-${i}`, relationshipId: relationship.id, ...overrides });
    const first = Array.from({ length: 4 }, (_, i) => item(i));
    expect((await http.post('/v1/conversions/batch').set(ctx.owner.auth).send({ conversions: first }).expect(200)).body.accepted).toBe(4);

    const conversions = [
      item(0),
      item(1, { amount: '100.01' }),
      item(2, { occurredAt: '2026-03-10T12:00:01+01:00', discount: '0' }),
      item(4, { occurredAt: '9999-12-31T23:59:59Z' }),
      item(5, { occurredAt: new Date(Date.now() + 86_400_000).toISOString() }),
      item(6),
      // The same new key twice in one request: the second is compared with the first.
      item(6, { amount: '5.00', discount: '0' }),
      item(3),
    ];
    const result = await http.post('/v1/conversions/batch').set(ctx.owner.auth).send({ conversions }).expect(200);
    expect(result.body).toEqual({
      accepted: 1,
      duplicates: 2,
      conflicts: [
        { index: 1, fields: ['amount'] },
        { index: 2, fields: ['occurredAt', 'discount'] },
        { index: 6, fields: ['amount', 'discount'] },
      ],
      rejected: [
        { index: 3, errors: [{ field: 'occurredAt', message: 'must be between 1900-01-01T00:00:00Z and 9998-12-31T23:59:59Z' }] },
        { index: 4, errors: [{ field: 'occurredAt', message: 'must not be in the future' }] },
      ],
    });
    const stored = await http.get(`/v1/conversions?relationshipId=${relationship.id}`).set(ctx.owner.auth).expect(200);
    expect(stored.body.data.map((c: { netAmount: string }) => c.netAmount)).toEqual(Array(5).fill('90.00'));
  });

  it('reverses partially, then fully, and refuses more than the net with 409', async () => {
    const { http } = ctx.t;
    const relationship = await relationshipFixture(http, ctx.owner);
    const { body } = await http
      .post('/v1/conversions')
      .set(ctx.owner.auth)
      .send(conversionBody({ relationshipId: relationship.id }))
      .expect(201);
    const reverse = (payload: object) => http.post(`/v1/conversions/${body.id}/reverse`).set(ctx.owner.auth).send(payload);

    expect((await reverse({ amount: '30.00', reason: 'One item returned' }).expect(200)).body).toMatchObject({
      reversedAmount: '30.00',
      status: 'pending',
    });
    const over = await reverse({ amount: '60.01', reason: 'Too much' }).expect(409);
    expect(over.body).toMatchObject({
      code: 'CONVERSION_REVERSAL_EXCEEDS_NET',
      remaining: '60.00',
      currency: 'EUR',
      detail: 'Cannot reverse 60.01 EUR: only 60.00 EUR of the net amount is left to reverse',
    });
    await reverse({ amount: '0', reason: 'Nothing' }).expect(400);
    expect((await reverse({ reason: 'Rest returned' }).expect(200)).body).toMatchObject({
      reversedAmount: '90.00',
      netAmount: '90.00',
      status: 'reversed',
    });
    expect((await reverse({ reason: 'Again' }).expect(409)).body).toMatchObject({
      code: 'CONVERSION_ALREADY_REVERSED',
      remaining: '0.00',
      detail: 'Cannot reverse 0.00 EUR: only 0.00 EUR of the net amount is left to reverse',
    });
    await http.post('/v1/conversions/00000000-0000-4000-8000-000000000000/reverse').set(ctx.owner.auth).send({ reason: 'x' }).expect(404);
  });

  it('lists newest first with a keyset cursor and filters', async () => {
    const { http } = ctx.t;
    const relationship = await relationshipFixture(http, ctx.owner);
    const days = ['2026-01-05', '2026-01-06', '2026-01-07'];
    const conversions = days.map((d) => conversionBody({ relationshipId: relationship.id, occurredAt: `${d}T10:00:00Z` }));
    await http.post('/v1/conversions/batch').set(ctx.owner.auth).send({ conversions }).expect(200);
    const page1 = await http.get(`/v1/conversions?relationshipId=${relationship.id}&limit=2`).set(ctx.owner.auth).expect(200);
    expect(page1.body.data.map((c: { occurredAt: string }) => c.occurredAt.slice(0, 10))).toEqual(['2026-01-07', '2026-01-06']);
    const page2 = await http
      .get(`/v1/conversions?relationshipId=${relationship.id}&limit=2&cursor=${page1.body.nextCursor}`)
      .set(ctx.owner.auth)
      .expect(200);
    expect(page2.body).toMatchObject({ data: [{ occurredAt: '2026-01-05T10:00:00.000Z' }], nextCursor: null });
    const window = await http
      .get(`/v1/conversions?relationshipId=${relationship.id}&from=2026-01-06T00:00:00Z&to=2026-01-07T00:00:00Z&status=pending`)
      .set(ctx.owner.auth)
      .expect(200);
    expect(window.body.data).toHaveLength(1);
  });

  it('streams every matching row as CSV, neutralising formula cells', async () => {
    const { http } = ctx.t;
    const relationship = await relationshipFixture(http, ctx.owner);
    const conversions = Array.from({ length: 2_100 }, (_, i) =>
      conversionBody({
        relationshipId: relationship.id,
        externalId: i === 0 ? '=HYPERLINK("http://evil","x")' : `csv-${relationship.id}-${i}`,
      }),
    );
    await http.post('/v1/conversions/batch').set(ctx.owner.auth).send({ conversions }).expect(200);
    const csv = await http
      .get(`/v1/conversions?relationshipId=${relationship.id}&limit=1`)
      .set(ctx.owner.auth)
      .set('Accept', 'text/csv')
      .buffer(true)
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,occurredAt,source,externalId,status/);
    expect(lines).toHaveLength(2_101);
    expect(csv.text).toContain(`,"'=HYPERLINK(""http://evil"",""x"")",`);
  });
});
