import { randomUUID } from 'node:crypto';
import TestAgent from 'supertest/lib/agent';
import {
  addMember,
  Ambassador,
  ambassadorFixture,
  PortalAuth,
  portalSessionOf,
  brandBody,
  browserSession,
  contractBody,
  conversionBody,
  createTestApp,
  influencerBody,
  notificationFixture,
  payoutCalls,
  payoutRunFixture,
  relationshipFixture,
  Session,
  signup,
  TestApp,
  trackingCodeFixture,
  webhookDeliveryId,
  webhookEndpointId,
  writeRouteFixtures,
} from './support';

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
};
type Operation = { requestBody?: { content?: Record<string, { schema?: Schema }> } };
type OpenApi = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

/**
 * How to make one resource of each collection in the victim's workspace. A new `:id` route whose collection
 * has no fixture fails the sweep, so every future route is covered, never skipped.
 */
const fixtures: Record<string, (http: TestAgent, s: Session, t: TestApp) => Promise<string>> = {
  '/v1/brands': async (http, s) => (await http.post('/v1/brands').set(s.auth).send(brandBody()).expect(201)).body.id,
  '/v1/influencers': async (http, s) => (await http.post('/v1/influencers').set(s.auth).send(influencerBody()).expect(201)).body.id,
  '/v1/api-keys': async (http, s) =>
    (await http.post('/v1/api-keys').set(s.auth).send({ name: 'victim key', role: 'viewer' }).expect(201)).body.id,
  '/v1/members': async (http, s, t) => (await addMember(t, s, await signup(http), 'viewer')).memberId,
  '/v1/invitations': async (http, s) =>
    (
      await http
        .post('/v1/members')
        .set(s.auth)
        .send({ email: `m-${randomUUID()}@example.com`, role: 'viewer' })
        .expect(202)
    ).body.id,
  '/v1/relationships': async (http, s) => (await relationshipFixture(http, s)).id,
  '/v1/tracking-codes': async (http, s) => (await trackingCodeFixture(http, s, (await relationshipFixture(http, s)).id)).id,
  '/v1/conversions': async (http, s) =>
    (
      await http
        .post('/v1/conversions')
        .set(s.auth)
        .send(conversionBody({ relationshipId: (await relationshipFixture(http, s)).id }))
        .expect(201)
    ).body.id,
  '/v1/contracts': async (http, s) => (await draftContract(http, s)).id,
  // Notification rows are made by the worker's scans; the fixture inserts one for a real contract.
  '/v1/notifications': (http, s, t) => notificationFixture(http, s, t.databaseUrl),
  '/v1/webhook-endpoints': webhookEndpointId,
  '/v1/webhook-deliveries': webhookDeliveryId,
  '/v1/reports/links': async (http, s, t) =>
    (
      await writeRouteFixtures['POST /v1/reports/quarterly/share'](http, s, t).then((call) =>
        http.post(call.url).set(s.auth).send(call.body).expect(201),
      )
    ).body.id,
  '/v1/payout-runs': async (http, s) => (await payoutRunFixture(http, s)).runId,
  '/v1/payouts': async (http, s) => (await payoutRunFixture(http, s)).payoutId,
  '/v1/deliverables': async (http, s) => {
    const contract = await draftContract(http, s);
    return (
      await http
        .post('/v1/deliverables')
        .set(s.auth)
        .send({ contractId: contract.id, type: 'reel', platform: 'instagram', dueDate: contract.startDate })
        .expect(201)
    ).body.id;
  },
};

async function draftContract(http: TestAgent, s: Session): Promise<{ id: string; startDate: string }> {
  return (
    await http
      .post('/v1/contracts')
      .set(s.auth)
      .send(contractBody((await relationshipFixture(http, s)).id))
      .expect(201)
  ).body;
}

/** A body that passes validation, so the answer shows scoping rather than a 400. */
function sample(schema: Schema | undefined, doc: OpenApi): unknown {
  if (!schema) return {};
  if (schema.$ref) return sample(doc.components.schemas[schema.$ref.split('/').pop() as string], doc);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => sample(s, doc)));
  if (schema.example !== undefined) return schema.example;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((key) => [key, sample(schema.properties?.[key], doc)]));
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    default:
      return schema.format === 'uuid'
        ? randomUUID()
        : schema.format === 'email'
          ? 'someone@example.com'
          : schema.format === 'date'
            ? '2026-01-01'
            : 'x';
  }
}

describe('tenant isolation sweep (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  // One fixture per route and method (about 60, growing with every route): longer than the default 30 s on a loaded machine.
  // The console's cookie session is scoped exactly like a token (web.md): the same sweep, signed in by cookie.
  it.each(['token', 'session cookie'])(
    "answers 404 on every :id route when called with another workspace's %s",
    async (credential) => {
      const doc: OpenApi = (await t.http.get('/docs/openapi.json').expect(200)).body;
      const victim = await signup(t.http);
      const signedUp = await signup(t.http);
      const intruder =
        credential === 'token' ? signedUp : { ...signedUp, auth: (await browserSession(t.http, signedUp)) as unknown as Session['auth'] };
      // The portal's routes open to an ambassador's cookie only: their own sweep below.
      const idRoutes = Object.entries(doc.paths).filter(([path]) => path.includes('{id}') && !path.startsWith('/v1/portal/'));
      expect(idRoutes.length).toBeGreaterThanOrEqual(7);

      const checked: string[] = [];
      for (const [path, operations] of idRoutes) {
        const collection = path.slice(0, path.indexOf('/{id}'));
        const fixture = fixtures[collection];
        if (!fixture) throw new Error(`No fixture for ${collection}: add one to the sweep so ${path} is checked`);
        for (const [method, operation] of Object.entries(operations)) {
          const id = await fixture(t.http, victim, t);
          const url = path.replace('{id}', id);
          const body = sample(operation.requestBody?.content?.['application/json']?.schema, doc);
          const call = (s: Session) =>
            (t.http as unknown as Record<string, (u: string) => ReturnType<TestAgent['get']>>)[method](url).set(s.auth);
          const response = method === 'get' || method === 'delete' ? await call(intruder) : await call(intruder).send(body as object);
          expect({ route: `${method.toUpperCase()} ${path}`, status: response.status }).toEqual({
            route: `${method.toUpperCase()} ${path}`,
            status: 404,
          });
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          // The resource exists and is untouched for its owner, so the 404 above was not vacuous.
          if (collection !== '/v1/api-keys') await t.http.get(`${collection}/${id}`).set(victim.auth).expect(200);
          checked.push(`${method.toUpperCase()} ${path}`);
        }
      }
      expect(checked).toEqual(
        expect.arrayContaining([
          'GET /v1/brands/{id}',
          'PATCH /v1/brands/{id}',
          'DELETE /v1/brands/{id}',
          'GET /v1/relationships/{id}/activity',
          'POST /v1/contracts/{id}/activate',
          'POST /v1/contracts/{id}/renew',
          'POST /v1/deliverables/{id}/submit',
          'POST /v1/deliverables/{id}/metrics',
          'DELETE /v1/tracking-codes/{id}',
          'POST /v1/conversions/{id}/reverse',
          'DELETE /v1/reports/links/{id}',
          'POST /v1/webhook-endpoints/{id}/replay',
          'GET /v1/webhook-endpoints/{id}/deliveries',
          'POST /v1/webhook-deliveries/{id}/retry',
        ]),
      );
    },
    90_000,
  );

  /** The victim ambassador's resource of each portal collection. */
  const portalFixtures: Record<string, (victim: Ambassador, auth: PortalAuth, owner: Session) => Promise<string>> = {
    '/v1/portal/contracts': async (victim) => victim.contractId,
    '/v1/portal/deliverables': async (victim) => victim.deliverableId,
    '/v1/portal/sessions': async (_victim, auth) => (await t.http.get('/v1/portal/sessions').set(auth).expect(200)).body.data[0].id,
    // An approved payout of the victim's (a draft would be a 404 for the victim too).
    '/v1/portal/payouts': async (victim, _auth, owner) => {
      const { earn, run, payouts, act } = payoutCalls(t.http, owner);
      await earn(victim.relationshipId, '100.00', '2026-01-15');
      const [payout] = await payouts({ runId: (await run('2026-01-31', victim.brandId)).id });
      await act(`payouts/${payout.id}`, 'approve').expect(200);
      return payout.id;
    },
  };

  it.each(['same workspace', 'another workspace'])(
    "answers 404 on every portal :id route to another ambassador (%s); a manager's token opens none",
    async (where) => {
      const doc: OpenApi = (await t.http.get('/docs/openapi.json').expect(200)).body;
      const owner = await signup(t.http);
      const intruderOwner = where === 'same workspace' ? owner : await signup(t.http);
      const intruder = await ambassadorFixture(t.http, intruderOwner);
      const intruderAuth = await portalSessionOf(t, intruderOwner.workspaceId, intruder.influencerId);
      const portalRoutes = Object.entries(doc.paths).filter(([path]) => path.startsWith('/v1/portal/') && path.includes('{id}'));
      const checked: string[] = [];
      for (const [path, operations] of portalRoutes) {
        const collection = path.slice(0, path.indexOf('/{id}'));
        const fixture = portalFixtures[collection];
        if (!fixture) throw new Error(`No portal fixture for ${collection}: add one so ${path} is checked`);
        for (const [method, operation] of Object.entries(operations)) {
          const victim = await ambassadorFixture(t.http, owner);
          const victimAuth = await portalSessionOf(t, owner.workspaceId, victim.influencerId);
          const url = path.replace('{id}', await fixture(victim, victimAuth, owner));
          const body = sample(operation.requestBody?.content?.['application/json']?.schema, doc) as object;
          const call = (auth: Record<string, string>) =>
            (t.http as unknown as Record<string, (u: string) => ReturnType<TestAgent['get']>>)[method](url).set(auth).send(body);
          const route = `${method.toUpperCase()} ${path}`;
          expect({ route, status: (await call(intruderAuth)).status }).toEqual({ route, status: 404 });
          expect({ route, manager: (await call(owner.auth)).status }).toEqual({ route, manager: 401 });
          if (method === 'get') await t.http.get(url).set(victimAuth).expect(200);
          checked.push(route);
        }
      }
      expect(checked).toEqual(
        expect.arrayContaining([
          'GET /v1/portal/deliverables/{id}',
          'POST /v1/portal/deliverables/{id}/submit',
          'POST /v1/portal/deliverables/{id}/post-url',
          'GET /v1/portal/contracts/{id}',
          'POST /v1/portal/contracts/{id}/accept',
          'DELETE /v1/portal/sessions/{id}',
          'GET /v1/portal/payouts/{id}/statement',
        ]),
      );
    },
    90_000,
  );

  it('lists only the caller workspace rows', async () => {
    const a = await signup(t.http);
    const b = await signup(t.http);
    await t.http.post('/v1/brands').set(a.auth).send(brandBody()).expect(201);
    expect((await t.http.get('/v1/brands').set(b.auth).expect(200)).body.data).toEqual([]);
    expect((await t.http.get('/v1/api-keys').set(b.auth).expect(200)).body.data).toEqual([]);
    expect((await t.http.get('/v1/members').set(b.auth).expect(200)).body.data).toHaveLength(1);
  });
});
