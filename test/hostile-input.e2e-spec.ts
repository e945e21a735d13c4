import { Client } from 'pg';
import {
  contractIn,
  conversionBody,
  dbFingerprint,
  deliverableIn,
  fillPath,
  Fingerprint,
  HOSTILE_QUERY_SHAPES,
  HOSTILE_STRINGS,
  hostileCursors,
  openApiDocument,
  portalSessionOf,
  queryParameters,
  RAW_QUERY_VALUES,
  relationshipFixture,
  Route,
  routes,
  Schema,
  useTestApp,
  webhookEndpointId,
} from './support';

const enc = encodeURIComponent;

/** Parameters that are the credential of a public route (a signed link): a forged one is a 401, like a bad bearer token. */
const CREDENTIAL_PARAMS = ['token'];

const nameOf = (field: string, param: string) => field === param || field.startsWith(`${param}[`) || field.startsWith(`${param}.`);

describe('hostile input in filters, cursors and paths (e2e)', () => {
  let db: Client;
  let fingerprint: Fingerprint;
  afterAll(() => db?.end());
  const ctx = useTestApp();
  const seeded = {} as {
    relationshipId: string;
    brandId: string;
    influencerIds: string[];
    contractId: string;
    deliverableId: string;
    webhookEndpointId: string;
  };

  beforeAll(async () => {
    db = new Client({ connectionString: ctx.t.databaseUrl });
    await db.connect();
    fingerprint = await dbFingerprint(db);
    const http = ctx.t.http;
    const r = await relationshipFixture(http, ctx.owner);
    seeded.relationshipId = r.id;
    seeded.brandId = r.brandId;
    seeded.contractId = (await contractIn(http, ctx.owner, 'active')).id;
    seeded.deliverableId = await deliverableIn(http, ctx.owner, 'planned');
    seeded.webhookEndpointId = await webhookEndpointId(http, ctx.owner);
    // Names holding the LIKE wildcards and escape, each with a decoy that the wildcard would also match.
    seeded.influencerIds = [];
    for (const name of ['Fifty% Off', 'Fifty Off', 'Under_score', 'UnderXscore', 'Back\\slash', 'Backslash']) {
      seeded.influencerIds.push(
        (await http.post('/v1/influencers').set(ctx.owner.auth).send({ name, socialAccounts: [] }).expect(201)).body.id,
      );
    }
    await http
      .post('/v1/conversions')
      .set(ctx.owner.auth)
      .send(conversionBody({ relationshipId: r.id }))
      .expect(201);
    await http.post(`/v1/relationships/${r.id}/costs`).set(ctx.owner.auth).send({ kind: 'product', amount: '10.00' }).expect(201);
    portal = await portalSessionOf(ctx.t, ctx.owner.workspaceId, r.influencerId);
  });

  /** The portal's routes take the ambassador's cookie (a manager's token is a 401 there); every other route the owner's token. */
  let portal: Record<string, string>;
  const credentialFor = (path: string): Record<string, string> => (path.startsWith('/v1/portal/') ? portal : ctx.owner.auth);

  /** A valid value for each parameter a route may require, so the one under attack is the only bad one. */
  function baseline(name: string, schema: Schema | undefined): string {
    const known: Record<string, string> = {
      brandId: seeded.brandId,
      relationshipId: seeded.relationshipId,
      contractId: seeded.contractId,
      quarter: '2026-Q1',
      granularity: 'month',
      token: 'not-a-signed-token',
      year: '2026',
    };
    if (known[name]) return known[name];
    if (schema?.format === 'date') return '2026-01-01';
    if (schema?.format === 'date-time') return '2026-01-01T00:00:00Z';
    if (schema?.enum) return String(schema.enum[0]);
    throw new Error(`No baseline value for the required query parameter ${name}: add one to baseline() in this test`);
  }

  const listRoutes = (doc: Awaited<ReturnType<typeof openApiDocument>>) =>
    routes(doc).filter((r) => r.method === 'get' && queryParameters(r).length > 0);
  const urlOf = (route: Route, attacked: string, fragment: string) => {
    const required = queryParameters(route)
      .filter((p) => p.required && p.name !== attacked)
      .map((p) => `${p.name}=${enc(baseline(p.name, p.schema))}`);
    // A list under an :id path lists something of that id: a webhook endpoint's deliveries, else a relationship's.
    const id = route.path.startsWith('/v1/webhook-endpoints/') ? seeded.webhookEndpointId : seeded.relationshipId;
    return `${fillPath(route.path, id)}?${[...required, fragment].join('&')}`;
  };

  async function expectSafe(url: string, param: string, accept = 'application/json'): Promise<number> {
    const response = await ctx.t.http.get(url).set(credentialFor(url)).set('Accept', accept);
    const label = `GET ${url.slice(0, 160)}`;
    expect({ label, status: response.status }).toEqual({ label, status: expect.any(Number) });
    if (response.status === 400) {
      expect({ label, type: response.headers['content-type'] }).toEqual({
        label,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      const fields: string[] = (response.body.errors ?? []).map((e: { field: string }) => e.field);
      expect({ label, namesParam: fields.length > 0 && fields.every((f) => nameOf(f, param)), fields }).toEqual({
        label,
        namesParam: true,
        fields,
      });
    } else if ([401, 404, 410].includes(response.status) && CREDENTIAL_PARAMS.includes(param)) {
      // Signed links open pages in a browser: the page explains the refusal in HTML, an API client gets problem+json.
      // Altered (401), unknown or used (an invitation: 404, which says nothing of its state) or expired (410).
      expect({ label, type: response.headers['content-type'] }).toEqual({
        label,
        type: expect.stringMatching(/^(application\/problem\+json|text\/html)/),
      });
    } else {
      expect({ label, status: response.status }).toEqual({ label, status: 200 });
    }
    return response.status;
  }

  it('never fails with a 5xx on any filter, cursor or search parameter of any list; a 400 names the parameter', async () => {
    const doc = await openApiDocument(ctx.t.http);
    const before = await fingerprint(ctx.owner.workspaceId);
    const lists = listRoutes(doc);
    expect(lists.map((r) => r.key)).toEqual(
      expect.arrayContaining(['GET /v1/influencers', 'GET /v1/deliverables', 'GET /v1/conversions', 'GET /v1/relationships/{id}/costs']),
    );
    let requests = 0;
    for (const route of lists) {
      for (const param of queryParameters(route)) {
        const values = [...HOSTILE_STRINGS, ...(param.name === 'cursor' ? hostileCursors() : [])].map(enc).concat(RAW_QUERY_VALUES);
        for (const value of values) await expectSafe(urlOf(route, param.name, `${param.name}=${value}`), param.name);
        for (const shape of HOSTILE_QUERY_SHAPES) await expectSafe(urlOf(route, param.name, shape(param.name)), param.name);
        requests += values.length + HOSTILE_QUERY_SHAPES.length;
      }
      // There is no sort parameter anywhere: an attempt to add one is refused by name, not ignored.
      for (const unknown of ['sort', 'order', 'orderBy']) {
        expect(await expectSafe(urlOf(route, unknown, `${unknown}=${enc('name; DROP TABLE brands')}`), unknown)).toBe(400);
      }
    }
    expect(requests).toBeGreaterThan(1_000);
    // Reads wrote nothing, and every table is still there with its rows.
    expect(await fingerprint(ctx.owner.workspaceId)).toEqual(before);
    expect((await ctx.t.http.get('/v1/brands').set(ctx.owner.auth).expect(200)).body.data.map((b: { id: string }) => b.id)).toContain(
      seeded.brandId,
    );
  }, 120_000);

  it('answers 400 naming the id for a hostile path id, on every :id route', async () => {
    const doc = await openApiDocument(ctx.t.http);
    for (const route of routes(doc).filter((r) => r.method === 'get' && r.path.includes('{id}'))) {
      for (const value of ["1' OR '1'='1", '%00', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(2_000)]) {
        const response = await ctx.t.http.get(fillPath(route.path, value)).set(credentialFor(route.path));
        expect({
          route: route.key,
          value: value.slice(0, 20),
          status: response.status,
          fields: response.body.errors?.map((e: { field: string }) => e.field),
        }).toEqual({
          route: route.key,
          value: value.slice(0, 20),
          status: 400,
          fields: ['id'],
        });
      }
    }
  });

  it('matches %, _ and \\ in a search literally instead of as wildcards', async () => {
    const search = async (q: string) =>
      (
        await ctx.t.http
          .get(`/v1/influencers?q=${enc(q)}`)
          .set(ctx.owner.auth)
          .expect(200)
      ).body.data.map((i: { name: string }) => i.name);
    expect(await search('y% O')).toEqual(['Fifty% Off']);
    expect(await search('r_s')).toEqual(['Under_score']);
    expect(await search('k\\s')).toEqual(['Back\\slash']);
    expect(await search("' OR '1'='1")).toEqual([]);
  });
});
