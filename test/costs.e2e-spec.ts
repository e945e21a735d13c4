import { Client } from 'pg';
import { Clock, FixedClock } from '@app/common';
import { apiKeySession, relationshipFixture, signup, useTestApp } from './support';

describe('cost ledger (e2e)', () => {
  // 23:30 UTC on March 31st: already April 1st in Paris, still March 31st in Los Angeles.
  const clock = new FixedClock(new Date('2026-03-31T23:30:00Z'));
  const ctx = useTestApp({}, (builder) => builder.overrideProvider(Clock).useValue(clock));
  const costs = (id: string, auth = ctx.owner.auth) => ({
    add: (body: object) => ctx.t.http.post(`/v1/relationships/${id}/costs`).set(auth).send(body),
    list: (query = '') => ctx.t.http.get(`/v1/relationships/${id}/costs?${query}`).set(auth),
  });
  const sql = async (text: string, params: unknown[]) => {
    const client = new Client({ connectionString: ctx.t.databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  };

  it("records a product cost in the brand's currency, dated today in its time zone, marks the day dirty and logs it", async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const { body } = await costs(relationship.id).add({ kind: 'product', amount: '49.9', description: 'Sample box' }).expect(201);
    expect(body).toMatchObject({
      relationshipId: relationship.id,
      contractId: null,
      kind: 'product',
      amount: '49.90',
      currency: 'EUR',
      incurredOn: '2026-04-01',
      sourceId: null,
      description: 'Sample box',
      createdByUserId: ctx.owner.userId,
    });
    const la = await relationshipFixture(ctx.t.http, ctx.owner, { timezone: 'America/Los_Angeles', currency: 'JPY' });
    expect((await costs(la.id).add({ kind: 'other', amount: '12000' }).expect(201)).body).toMatchObject({
      amount: '12000',
      currency: 'JPY',
      incurredOn: '2026-03-31',
    });

    expect(await sql('SELECT day::text FROM rollup_dirty_days WHERE relationship_id = $1', [relationship.id])).toEqual([
      { day: '2026-04-01' },
    ]);
    const activity = await sql(`SELECT action, changes FROM activity_log WHERE entity_type = 'cost' AND entity_id = $1`, [body.id]);
    expect(activity).toEqual([
      { action: 'recorded', changes: expect.objectContaining({ kind: 'product', amount: '49.9', incurredOn: '2026-04-01' }) },
    ]);
  });

  it('checks decimals per currency, kinds, signs and dates, writing nothing on a 400', async () => {
    const eur = (await relationshipFixture(ctx.t.http, ctx.owner)).id;
    const kwd = (await relationshipFixture(ctx.t.http, ctx.owner, { currency: 'KWD' })).id;
    await costs(eur)
      .add({ kind: 'product', amount: '1.005' })
      .expect(400, /EUR allows at most 2 decimals/);
    await costs(kwd).add({ kind: 'product', amount: '1.125' }).expect(201);
    for (const [body, field] of [
      [{ kind: 'retainer', amount: '10.00' }, 'kind'],
      [{ kind: 'deliverable_fee', amount: '10.00' }, 'kind'],
      [{ kind: 'product', amount: 10 }, 'amount'],
      [{ kind: 'product', amount: '1e3' }, 'amount'],
      [{ kind: 'product', amount: '0.00' }, 'amount'],
      [{ kind: 'product', amount: '-5.00', description: 'refund' }, 'amount'],
      [{ kind: 'other', amount: '-5.00' }, 'description'],
      [{ kind: 'product', amount: '5.00', incurredOn: '2026-02-30' }, 'incurredOn'],
      [{ kind: 'product', amount: '5.00', incurredOn: null }, 'incurredOn'],
      [{ kind: 'product', amount: '5.00', currency: 'USD' }, 'currency'],
    ] as const) {
      const response = await costs(eur).add(body).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await costs(eur).list().expect(200)).body.data).toEqual([]);
    expect(await sql('SELECT 1 FROM rollup_dirty_days WHERE relationship_id = $1', [eur])).toEqual([]);
  });

  it('corrects with a negative other entry and never edits or deletes one', async () => {
    const id = (await relationshipFixture(ctx.t.http, ctx.owner)).id;
    const shipping = (
      await costs(id).add({ kind: 'other', amount: '20.00', incurredOn: '2026-03-02', description: 'Shipping' }).expect(201)
    ).body;
    const correction = await costs(id)
      .add({ kind: 'other', amount: '-20.00', incurredOn: '2026-03-02', description: `Shipping ${shipping.id} billed twice` })
      .expect(201);
    expect(correction.body.amount).toBe('-20.00');
    await ctx.t.http.patch(`/v1/relationships/${id}/costs/${shipping.id}`).set(ctx.owner.auth).send({ amount: '1.00' }).expect(404);
    await ctx.t.http.delete(`/v1/relationships/${id}/costs/${shipping.id}`).set(ctx.owner.auth).expect(404);
    const doc = (await ctx.t.http.get('/docs/openapi.json').expect(200)).body;
    const costPaths = Object.entries(doc.paths as Record<string, object>).filter(([path]) => path.includes('/costs'));
    expect(costPaths.flatMap(([, operations]) => Object.keys(operations)).sort()).toEqual(['get', 'post']);
    expect((await costs(id).list().expect(200)).body.data.map((e: { amount: string }) => e.amount).sort()).toEqual(['-20.00', '20.00']);
  });

  it('lists newest day first with kind and date filters and a cursor', async () => {
    const id = (await relationshipFixture(ctx.t.http, ctx.owner)).id;
    for (const [kind, incurredOn] of [
      ['product', '2026-01-10'],
      ['other', '2026-02-10'],
      ['product', '2026-02-10'],
      ['product', '2026-03-10'],
      ['other', '2026-03-20'],
    ]) {
      await costs(id).add({ kind, amount: '10.00', incurredOn }).expect(201);
    }
    const first = (await costs(id).list('limit=2').expect(200)).body;
    const rest = (await costs(id).list(`limit=10&cursor=${first.nextCursor}`).expect(200)).body;
    expect([...first.data, ...rest.data].map((e: { incurredOn: string }) => e.incurredOn)).toEqual([
      '2026-03-20',
      '2026-03-10',
      '2026-02-10',
      '2026-02-10',
      '2026-01-10',
    ]);
    expect(rest.nextCursor).toBeNull();
    expect(
      (await costs(id).list('kind=product&from=2026-02-01&to=2026-03-10').expect(200)).body.data.map(
        (e: { incurredOn: string }) => e.incurredOn,
      ),
    ).toEqual(['2026-03-10', '2026-02-10']);
    await costs(id).list('from=2026-03-01&to=2026-02-01').expect(400, /to/);
    await costs(id).list('kind=gift').expect(400, /kind/);
  });

  it("answers 404 for another workspace's relationship and 403 to a viewer's write", async () => {
    const id = (await relationshipFixture(ctx.t.http, ctx.owner)).id;
    const intruder = await signup(ctx.t.http);
    await costs(id, intruder.auth).add({ kind: 'product', amount: '10.00' }).expect(404);
    await costs(id, intruder.auth).list().expect(404);
    const viewer = await apiKeySession(ctx.t.http, ctx.owner, 'viewer');
    await costs(id, viewer.auth).add({ kind: 'product', amount: '10.00' }).expect(403);
    await costs(id, viewer.auth).list().expect(200);
    expect((await costs(id).list().expect(200)).body.data).toEqual([]);
  });
});
