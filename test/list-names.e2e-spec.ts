import { DataSource } from 'typeorm';
import { brandBody, contractCalls, influencerBody, openApiDocument, resolveSchema, signup, useTestApp } from './support';

/** Lists name who is who: the brand's name and the influencer's name and main handle, beside the ids. */
describe('names in the relationship, contract and deliverable lists (e2e)', () => {
  const ctx = useTestApp();
  type Named = { brand: unknown; influencer: unknown; brandId: string; influencerId: string };
  const list = async (path: string, auth = ctx.owner.auth): Promise<Named[]> =>
    (await ctx.t.http.get(path).set(auth).expect(200)).body.data;

  /** A brand, an influencer with the given accounts, their relationship and an active term with its deliverables. */
  async function program(auth: { Authorization: string }, brandName: string, influencer: Record<string, unknown>) {
    const post = async (path: string, body: object) => (await ctx.t.http.post(path).set(auth).send(body).expect(201)).body;
    const brand = await post('/v1/brands', brandBody({ name: brandName }));
    const person = await post('/v1/influencers', influencerBody(influencer));
    const relationship = await post('/v1/relationships', { brandId: brand.id, influencerId: person.id });
    const calls = contractCalls(ctx.t.http, { auth });
    const contract = await calls.draft(relationship.id);
    await calls.act(contract.id, 'activate').expect(200);
    return { brand, person, relationship, contract };
  }

  it('gives brand {id, name} and influencer {id, name, handle, platform}: the handle of the largest account', async () => {
    const { brand, person, relationship, contract } = await program(ctx.owner.auth, 'Northwind Outdoor', {
      name: 'Maya Martin',
      socialAccounts: [
        { platform: 'instagram', handle: 'maya.small', followers: 20_000 },
        { platform: 'tiktok', handle: 'maya.climbs', followers: 80_000 },
      ],
    });
    const expected = {
      brandId: brand.id,
      influencerId: person.id,
      brand: { id: brand.id, name: 'Northwind Outdoor' },
      influencer: { id: person.id, name: 'Maya Martin', handle: 'maya.climbs', platform: 'tiktok' },
    };
    expect(await list(`/v1/relationships?influencerId=${person.id}`)).toEqual([expect.objectContaining(expected)]);
    expect(await list(`/v1/contracts?relationshipId=${relationship.id}`)).toEqual([expect.objectContaining(expected)]);
    const deliverables = await list(`/v1/deliverables?contractId=${contract.id}&limit=200`);
    expect(deliverables.length).toBeGreaterThan(1);
    for (const deliverable of deliverables) expect(deliverable).toMatchObject(expected);
    // The detail views carry the same names (the relationship's with more: currency, time zone, email, tier).
    const detail = (await ctx.t.http.get(`/v1/relationships/${relationship.id}`).set(ctx.owner.auth).expect(200)).body;
    expect(detail).toMatchObject({ brand: expected.brand, influencer: { ...expected.influencer, tier: 'micro' } });
    expect(detail.currentContract).toMatchObject(expected);
  });

  it('shows a null handle for an influencer without accounts, and only the caller workspace in another one', async () => {
    const other = await signup(ctx.t.http);
    const { person } = await program(other.auth, 'Lumen Skincare', { name: 'Theo Novak', socialAccounts: [] });
    const rows = await list(`/v1/relationships?influencerId=${person.id}`, other.auth);
    expect(rows).toEqual([expect.objectContaining({ influencer: { id: person.id, name: 'Theo Novak', handle: null, platform: null } })]);
    expect(await list(`/v1/relationships?influencerId=${person.id}`)).toEqual([]);
  });

  it('reads the names in the list statement itself: as many statements for 5 rows as for 1 (no N+1)', async () => {
    const session = await signup(ctx.t.http);
    for (let i = 0; i < 5; i++) await program(session.auth, `Brand ${i}`, { name: `Creator ${i}` });
    const logger = ctx.t.app.get(DataSource).logger;
    const statementsNaming = async (path: string) => {
      const spy = jest.spyOn(logger, 'logQuery');
      try {
        const rows = await list(path, session.auth);
        // Only statements that read names count: authentication and rate limits issue their own, whatever the page.
        return { rows: rows.length, statements: spy.mock.calls.filter(([sql]) => /\b(influencers|brands)\b/.test(sql)).length };
      } finally {
        spy.mockRestore();
      }
    };
    for (const path of ['/v1/relationships', '/v1/contracts', '/v1/deliverables']) {
      expect(await statementsNaming(`${path}?limit=1`)).toEqual({ rows: 1, statements: 1 });
      expect(await statementsNaming(`${path}?limit=5`)).toEqual({ rows: 5, statements: 1 });
    }
  });

  it('documents the names in the OpenAPI schemas, the relationship detail with its fuller summaries', async () => {
    const doc = await openApiDocument(ctx.t.http);
    const properties = (name: string) => resolveSchema({ $ref: `#/components/schemas/${name}` }, doc).properties ?? {};
    for (const view of ['RelationshipListItemView', 'ContractView', 'DeliverableView']) {
      expect(properties(view)).toMatchObject({
        brand: { $ref: '#/components/schemas/BrandRefView' },
        influencer: { $ref: '#/components/schemas/InfluencerRefView' },
      });
    }
    expect(properties('RelationshipList').data).toMatchObject({ items: { $ref: '#/components/schemas/RelationshipListItemView' } });
    expect(properties('RelationshipDetailView')).toMatchObject({
      brand: { $ref: '#/components/schemas/BrandSummary' },
      influencer: { $ref: '#/components/schemas/InfluencerSummary' },
    });
    expect(Object.keys(properties('InfluencerSummary'))).toEqual(
      expect.arrayContaining(['id', 'name', 'handle', 'platform', 'email', 'tier']),
    );
  });
});
