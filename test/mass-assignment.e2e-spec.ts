import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  dbFingerprint,
  nestedObjectPaths,
  setAtPath,
  Fingerprint,
  jsonBodySchema,
  OpenApi,
  openApiDocument,
  Route,
  routes,
  Schema,
  sendWrite,
  successSchema,
  useTestApp,
  WriteCall,
  writeRouteFixtures,
} from './support';

/** Set by the server, whatever the route: a body carrying one is refused, never applied. */
const ALWAYS_SERVER_OWNED = [
  'id',
  'workspaceId',
  'status',
  'createdAt',
  'updatedAt',
  'createdByUserId',
  'approvedAt',
  'termNumber',
  'tier',
  'keyHash',
  'passwordHash',
  'revokedAt',
];
/** Names that look server-owned; a request schema that declares one must be listed in `legitimate` with why. */
const looksServerOwned = (field: string) => ALWAYS_SERVER_OWNED.includes(field) || /(At|ByUserId)$/.test(field);

/** Request fields that look server-owned but are the client's to give. */
const legitimate: Record<string, Record<string, string>> = {
  'POST /v1/auth/login': {
    workspaceId: "picks which of the user's own workspaces to enter; checked against the memberships, written nowhere",
  },
  'POST /v1/auth/session': {
    workspaceId: "as for /v1/auth/login: one of the user's own workspaces, checked against the memberships",
  },
  'PATCH /v1/auth/session': {
    workspaceId: "the workspace the browser session moves to: one of the user's own, checked against the memberships",
  },
  'POST /v1/deliverables/{id}/publish': {
    publishedAt: 'when the post went live, reported by the client (not in the future); the fee is dated by it',
  },
  'POST /v1/deliverables/{id}/metrics': { capturedAt: 'when the figures were read on the platform; the latest reading counts' },
  'POST /v1/conversions': { occurredAt: 'when the order was placed in the shop: the attribution and commission date' },
  'POST /v1/payouts/{id}/mark-paid': { paidAt: 'when the payment rail paid it, reported by the admin (not in the future)' },
  'POST /v1/payout-runs/{id}/mark-paid': { paidAt: 'when the payment rail paid the batch, reported by the admin (not in the future)' },
  'POST /v1/portal/sign-in': {
    workspaceId: 'the workspace whose ambassador asks for a link (no session yet); only looked up, written nowhere but the sign-in row',
  },
};

/** Tried in every object nested in a body (social accounts, plan items, thresholds, batch items...). */
const NESTED_SERVER_OWNED = ['id', 'workspaceId', 'status', 'createdAt'];

/** Routes whose items are validated one by one: a server-owned field in an item rejects that item (200), not the request. */
const itemValidated: Record<string, string> = { 'POST /v1/conversions/batch': 'conversions' };

/** A plausible value of the field's type: whitelisting refuses the name, whatever the value. */
const byType: Record<string, unknown> = { integer: 1, number: 1, boolean: true, object: {}, array: [] };
const valueFor = (schema: Schema | undefined): unknown =>
  schema?.format === 'uuid' ? randomUUID() : (schema?.enum?.[0] ?? byType[schema?.type ?? ''] ?? 'active');

describe('mass assignment: server-owned fields in a body are refused on every write route (e2e)', () => {
  let doc: OpenApi;
  let db: Client;
  let fingerprint: Fingerprint;
  // Declared before useTestApp so it runs before the test database is dropped.
  afterAll(() => db?.end());
  const ctx = useTestApp();
  beforeAll(async () => {
    doc = await openApiDocument(ctx.t.http);
    db = new Client({ connectionString: ctx.t.databaseUrl });
    await db.connect();
    fingerprint = await dbFingerprint(db);
  });

  const writeRoutes = () =>
    routes(doc).filter((r) => ['post', 'put', 'patch'].includes(r.method) && r.operation.requestBody?.content?.['application/json']);
  const send = (route: Route, call: WriteCall, body: object) => sendWrite(ctx.t.http, route.method, call, ctx.owner, body);

  it('walks every write route with a JSON body; each has a fixture', () => {
    const missing = writeRoutes()
      .filter((r) => !writeRouteFixtures[r.key])
      .map((r) => r.key);
    expect(missing).toEqual([]);
    expect(writeRoutes().length).toBeGreaterThanOrEqual(30);
  });

  it('declares no server-owned-looking request field without a reason', () => {
    const declared = writeRoutes().flatMap((route) =>
      Object.keys(jsonBodySchema(route, doc)?.properties ?? {})
        .filter(looksServerOwned)
        .map((field) => `${route.key} ${field}`),
    );
    const explained = Object.entries(legitimate).flatMap(([key, fields]) => Object.keys(fields).map((field) => `${key} ${field}`));
    expect(declared.sort()).toEqual(explained.sort());
  });

  it('answers 400 problem+json naming the field, writes nothing, and accepts the body without it', async () => {
    const tried: string[] = [];
    for (const route of writeRoutes()) {
      const fixture = writeRouteFixtures[route.key];
      if (!fixture) throw new Error(`No fixture for ${route.key}: add one to writeRouteFixtures (test/support/write-routes.ts)`);
      const call = await fixture(ctx.t.http, ctx.owner, ctx.t);
      const accepted = new Set(Object.keys(jsonBodySchema(route, doc)?.properties ?? {}));
      const answered = successSchema(route, doc)?.properties ?? {};
      // Server-owned: what the route answers with but does not take, and the names no route takes.
      const owned = new Set([...Object.keys(answered), ...ALWAYS_SERVER_OWNED].filter((field) => !accepted.has(field)));
      const attempts: { field: string; body: Record<string, unknown> }[] = [...owned].map((field) => ({
        field,
        body: { ...call.body, [field]: valueFor(answered[field]) },
      }));
      for (const path of nestedObjectPaths(call.body)) {
        for (const field of NESTED_SERVER_OWNED)
          attempts.push({ field: `${path}.${field}`, body: setAtPath(call.body, path, field, randomUUID()) });
      }

      const before = await fingerprint(ctx.owner.workspaceId);
      for (const attempt of attempts) {
        const response = await send(route, call, attempt.body);
        const label = `${route.key} + ${attempt.field}`;
        const item = itemValidated[route.key];
        if (item && attempt.field.startsWith(`${item}[0].`)) {
          const field = attempt.field.slice(`${item}[0].`.length);
          expect({ label, status: response.status, accepted: response.body.accepted, rejected: response.body.rejected }).toEqual({
            label,
            status: 200,
            accepted: 0,
            rejected: [{ index: 0, errors: [{ field, message: 'should not exist' }] }],
          });
        } else {
          expect({ label, status: response.status, type: response.headers['content-type'] }).toEqual({
            label,
            status: 400,
            type: expect.stringMatching(/^application\/problem\+json/),
          });
          expect({ label, errors: response.body.errors }).toEqual({
            label,
            errors: [{ field: attempt.field, message: 'should not exist' }],
          });
        }
        tried.push(label);
      }
      // Every refused attempt of the route wrote nothing: no row inserted, updated or deleted in the workspace.
      expect({ route: route.key, after: await fingerprint(ctx.owner.workspaceId) }).toEqual({ route: route.key, after: before });
      const control = await send(route, call, call.body);
      const ok = control.status < 300;
      expect({ route: route.key, outcome: ok ? 'accepted' : control.status, problem: ok ? undefined : control.body }).toEqual({
        route: route.key,
        outcome: 'accepted',
        problem: undefined,
      });
    }
    const samples = [
      'POST /v1/brands + workspaceId',
      'POST /v1/contracts + currency',
      'PATCH /v1/contracts/{id} + relationshipId',
      'POST /v1/influencers + socialAccounts[0].id',
      'PATCH /v1/deliverables/{id} + status',
      'POST /v1/conversions/batch + conversions[0].status',
      'PATCH /v1/members/{id} + userId',
      'POST /v1/auth/signup + workspaceId',
    ];
    expect(tried).toEqual(expect.arrayContaining(samples));
  }, 180_000);

  it('refuses server-owned columns in the influencer CSV import, writing nothing', async () => {
    for (const column of ['id', 'workspace_id', 'tier', 'created_at']) {
      const before = await fingerprint(ctx.owner.workspaceId);
      const response = await ctx.t.http
        .post('/v1/influencers/import')
        .set(ctx.owner.auth)
        .set('Content-Type', 'text/csv')
        .send(`name,email,${column}\nLena,lena-${column}@example.com,x\n`);
      expect({ column, status: response.status, fields: response.body.errors?.map((e: { field: string }) => e.field) }).toEqual({
        column,
        status: 400,
        fields: [column],
      });
      expect(await fingerprint(ctx.owner.workspaceId)).toEqual(before);
    }
  });
});
