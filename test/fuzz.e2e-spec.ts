import fc from 'fast-check';
import { Response } from 'supertest';
import {
  fillPath,
  HOSTILE_STRINGS,
  openApiDocument,
  queryParameters,
  relationshipFixture,
  Route,
  routes,
  sendWrite,
  useTestApp,
  WriteCall,
  writeRouteFixtures,
} from './support';

/** FUZZ_SEED=<n> replays a run; the seed is in the test names. FUZZ_RUNS scales the run counts. */
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const scale = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * scale));

/** Bytewise percent-encoding: lone surrogates become U+FFFD instead of making encodeURIComponent throw. */
const encodeAll = (text: string) =>
  [...Buffer.from(text, 'utf8')]
    .map((b) => (/[\w.~-]/.test(String.fromCharCode(b)) && b < 128 ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`))
    .join('');
/** Node answers a bare 431 (no body) past 16 KB of request line and headers, before the app: the cases stay under it. */
const HEADER_BUDGET = 12_000;

const hugeNumber = fc.constantFrom(1e308, -1e308, 2 ** 63, -(2 ** 63), Number.MAX_SAFE_INTEGER + 2, 5e-324, -0, 0.1 + 0.2, 1e21);
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 50 }), fc.constantFrom(...HOSTILE_STRINGS));
const jsonLeaf = fc.oneof(
  text,
  fc.integer(),
  hugeNumber,
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const jsonTree = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, jsonLeaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(
    fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('id', 'workspaceId', 'status', '__proto__', 'constructor', 'prototype')),
    tie('value'),
    { maxKeys: 5 },
  ),
})).value;

/** Bodies as raw text: what JSON.stringify cannot produce (1e999, deep nesting, broken JSON) reaches the parser too. */
const rawBody = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":}',
    '[]',
    'null',
    '"text"',
    '1e999',
    '{"name": 1e999, "followers": -1e999}',
    '\u0000',
    '{"__proto__": {"status": "active"}}',
    '{"constructor": {"prototype": {"isAdmin": true}}}',
  ),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => `{"name": ${'['.repeat(depth)}${']'.repeat(depth)}}`),
  fc.integer({ min: 1, max: 20_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.string({ unit: 'binary' }),
);

/** The valid body with some fields swapped for values of any type, and the odd server-owned or unknown field. */
function mutated(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  const swap = keys.length ? fc.dictionary(fc.constantFrom(...keys), fc.oneof(jsonTree, hugeNumber), { maxKeys: 3 }) : fc.constant({});
  return fc
    .tuple(swap, fc.dictionary(fc.string({ maxLength: 10 }), jsonTree, { maxKeys: 1 }))
    .map(([swapped, extra]) => ({ ...valid, ...swapped, ...extra }));
}

/**
 * No 5xx, ever; every 4xx is a well-formed problem+json, naming the fields when validation refused them.
 * Pages for browsers (a route that only produces text/html) explain a refusal in HTML instead.
 */
function expectProblemOrSuccess(response: Response, label: string, page = false): void {
  expect({ label, status: response.status }).toEqual({
    label,
    status: response.status < 500 && response.status !== 429 ? response.status : 'no 5xx and no 429',
  });
  if (response.status < 400) return;
  if (page && /^text\/html/.test(response.headers['content-type'] ?? '')) return;
  expect({ label, type: response.headers['content-type'] }).toEqual({ label, type: expect.stringMatching(/^application\/problem\+json/) });
  const problem = JSON.parse(response.text);
  expect({ label, problem }).toEqual({
    label,
    problem: expect.objectContaining({ type: expect.any(String), title: expect.any(String), status: response.status }),
  });
  if (problem.code === 'VALIDATION_FAILED') {
    expect({ label, errors: problem.errors }).toEqual({
      label,
      errors: expect.arrayContaining([{ field: expect.any(String), message: expect.any(String) }]),
    });
    expect(problem.errors.length).toBeGreaterThan(0);
  }
}

describe('fuzzing the API with random bodies and query strings (e2e)', () => {
  const ctx = useTestApp();
  let writes: { route: Route; call: WriteCall }[];
  let lists: { route: Route; url: string; params: string[]; page: boolean }[];

  beforeAll(async () => {
    const doc = await openApiDocument(ctx.t.http);
    const all = routes(doc);
    writes = [];
    for (const route of all.filter((r) => writeRouteFixtures[r.key] && r.operation.requestBody?.content?.['application/json'])) {
      writes.push({ route, call: await writeRouteFixtures[route.key](ctx.t.http, ctx.owner, ctx.t) });
    }
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    lists = all
      .filter((r) => r.method === 'get' && queryParameters(r).length > 0)
      .map((route) => {
        const produces = Object.keys(route.operation.responses?.['200']?.content ?? {});
        return {
          route,
          url: fillPath(route.path, relationship.id),
          params: queryParameters(route).map((p) => p.name),
          page: produces.length > 0 && produces.every((type) => type === 'text/html'),
        };
      });
  }, 60_000);

  const send = ({ route, call }: { route: Route; call: WriteCall }, body: string) =>
    sendWrite(ctx.t.http, route.method, call, ctx.owner, body);

  it(
    `POST/PUT/PATCH of random JSON bodies never answers 5xx (seed ${seed})`,
    async () => {
      expect(writes.length).toBeGreaterThanOrEqual(20);
      const target = fc.integer({ min: 0, max: writes.length - 1 });
      const property = fc.asyncProperty(
        target.chain((i) =>
          fc.tuple(
            fc.constant(i),
            fc.oneof(
              jsonTree.map((v) => JSON.stringify(v)),
              mutated(writes[i].call.body).map((v) => JSON.stringify(v)),
              rawBody,
            ),
          ),
        ),
        async ([i, body]) => expectProblemOrSuccess(await send(writes[i], body), `${writes[i].route.key} ${body.slice(0, 200)}`),
      );
      await fc.assert(property, { seed, numRuns: runs(1200) });
    },
    120_000 * scale,
  );

  it(
    `random query strings on every list never answer 5xx (seed ${seed})`,
    async () => {
      const target = fc.integer({ min: 0, max: lists.length - 1 });
      const pair = (params: string[]) =>
        fc.tuple(
          fc.oneof(
            fc.constantFrom(...params),
            fc.constantFrom(...params).map((p) => `${p}[]`),
            fc.constantFrom(...params).map((p) => `${p}[x]`),
            fc.string({ maxLength: 8 }),
          ),
          fc.oneof(text, fc.integer().map(String), hugeNumber.map(String)),
        );
      const property = fc.asyncProperty(
        target.chain((i) =>
          fc.tuple(
            fc.constant(i),
            fc.array(pair(lists[i].params), { maxLength: 4 }).filter((pairs) => pairs.flat().join('').length < HEADER_BUDGET / 3),
          ),
        ),
        async ([i, pairs]) => {
          const query = pairs.map(([key, value]) => `${/[[\]]/.test(key) ? key : encodeAll(key)}=${encodeAll(value)}`).join('&');
          const url = `${lists[i].url}?${query}`;
          expectProblemOrSuccess(await ctx.t.http.get(url).set(ctx.owner.auth), `GET ${url.slice(0, 200)}`, lists[i].page);
        },
      );
      await fc.assert(property, { seed, numRuns: runs(1000) });
    },
    120_000 * scale,
  );

  it(
    `random CSV files and signed-webhook bodies never answer 5xx (seed ${seed})`,
    async () => {
      const csv = fc.oneof(
        fc.string({ unit: 'binary' }),
        fc
          .array(fc.array(text, { maxLength: 6 }), { maxLength: 5 })
          .map((rows) => ['name,email,instagram_handle,instagram_followers', ...rows.map((r) => r.join(','))].join('\n')),
      );
      await fc.assert(
        fc.asyncProperty(csv, async (file) =>
          expectProblemOrSuccess(
            await ctx.t.http.post('/v1/influencers/import').set(ctx.owner.auth).set('Content-Type', 'text/csv').send(file),
            `import ${file.slice(0, 200)}`,
          ),
        ),
        { seed, numRuns: runs(200) },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            jsonTree.map((v) => JSON.stringify(v)),
            rawBody,
          ),
          text.filter((hmac) => hmac.length < HEADER_BUDGET / 3),
          async (body, hmac) => {
            const response = await ctx.t.http
              .post(`/v1/webhooks/shopify/${ctx.owner.workspaceId}`)
              .set({
                'Content-Type': 'application/json',
                'X-Shopify-Hmac-Sha256': encodeAll(hmac),
                'X-Shopify-Topic': 'orders/paid',
                'X-Shopify-Webhook-Id': 'w1',
              })
              .send(body);
            expectProblemOrSuccess(response, `webhook ${body.slice(0, 200)}`);
          },
        ),
        { seed, numRuns: runs(120) },
      );
    },
    60_000 * scale,
  );
});
