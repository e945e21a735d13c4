import request, { Response } from 'supertest';
import { apiKeySession, createTestApp, Session, signup, TestApp, useTestApp } from './support';
import { createApiApp } from '../apps/api/src/core/app.setup';

/** Client addresses: TRUST_PROXY=loopback makes the API believe X-Forwarded-For from the test client. */
const from = (ip: string) => ({ 'X-Forwarded-For': ip });

function expectTooMany(response: Response, code: string, maxRetryAfter: number): void {
  expect(response.status).toBe(429);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status: 429, title: 'Too Many Requests', code });
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxRetryAfter);
  expect(response.body.retryAfter).toBe(retryAfter);
}

describe('per-token request budgets (e2e)', () => {
  const ctx = useTestApp({ RATE_LIMIT_PER_MINUTE: '5', TRUST_PROXY: 'loopback' });

  it('gives each token 5 requests a minute with RateLimit headers, then 429 with Retry-After', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const ok = await ctx.t.http.get('/v1/me').set(ctx.owner.auth).expect(200);
      expect(ok.headers).toMatchObject({ 'ratelimit-limit': '5', 'ratelimit-policy': '5;w=60' });
      remaining.push(ok.headers['ratelimit-remaining']);
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const refused = await ctx.t.http.get('/v1/brands').set(ctx.owner.auth);
    expectTooMany(refused, 'RATE_LIMITED', 60);
    expect(refused.headers['ratelimit-remaining']).toBe('0');

    // Health and metrics are outside any budget, from the same address as everything above.
    for (let i = 0; i < 8; i++) await ctx.t.http.get('/health').expect(200);
    for (let i = 0; i < 8; i++) await ctx.t.http.get('/metrics').expect(200);
  });

  it('counts per API key and per user, whichever token they send; bad tokens per address before the 401', async () => {
    const other = await signup(ctx.t.http);
    const key = await apiKeySession(ctx.t.http, other, 'viewer');
    for (let i = 0; i < 5; i++) await ctx.t.http.get('/v1/me').set(key.auth).expect(200);
    expectTooMany(await ctx.t.http.get('/v1/me').set(key.auth), 'RATE_LIMITED', 60);
    // The user's own budget: 1 used by creating the key; a second access token of theirs shares it.
    const login = await ctx.t.http
      .post('/v1/auth/login')
      .set(from('10.1.0.1'))
      .send({ email: other.email, password: 'correct horse battery' })
      .expect(200);
    for (let i = 0; i < 2; i++) await ctx.t.http.get('/v1/me').set(other.auth).expect(200);
    for (let i = 0; i < 2; i++)
      await ctx.t.http
        .get('/v1/me')
        .set({ Authorization: `Bearer ${login.body.accessToken}` })
        .expect(200);
    expectTooMany(await ctx.t.http.get('/v1/me').set(other.auth), 'RATE_LIMITED', 60);

    for (let i = 0; i < 5; i++)
      await ctx.t.http
        .get('/v1/me')
        .set(from('10.1.0.2'))
        .set({ Authorization: `Bearer ak_guess${i}` })
        .expect(401);
    expectTooMany(await ctx.t.http.get('/v1/me').set(from('10.1.0.2')).set({ Authorization: 'Bearer ak_guess5' }), 'RATE_LIMITED', 60);
    await ctx.t.http.get('/v1/me').set(from('10.1.0.3')).set({ Authorization: 'Bearer ak_guess6' }).expect(401);
  });

  it('shares one budget across api replicas (counters in Redis)', async () => {
    const replica = await createApiApp(ctx.t.env);
    await replica.init();
    try {
      const session = await signup(ctx.t.http, {});
      const [a, b] = [ctx.t.http, request(replica.getHttpServer())];
      for (const http of [a, b, a, b, a]) await http.get('/v1/me').set(session.auth).expect(200);
      expectTooMany(await b.get('/v1/me').set(session.auth), 'RATE_LIMITED', 60);
      expectTooMany(await a.get('/v1/me').set(session.auth), 'RATE_LIMITED', 60);
    } finally {
      await replica.close();
    }
  });
});

describe('login and signup throttling (e2e)', () => {
  let t: TestApp;
  let user: Session;
  beforeAll(async () => {
    t = await createTestApp({
      LOGIN_MAX_FAILURES: '3',
      LOGIN_MAX_FAILURES_PER_IP: '5',
      SIGNUP_PER_IP_PER_HOUR: '2',
      TRUST_PROXY: 'loopback',
    });
    user = await signup(t.http);
  });
  afterAll(() => t?.close());
  const login = (ip: string, email: string, password: string) => t.http.post('/v1/auth/login').set(from(ip)).send({ email, password });

  it('refuses an email after 3 consecutive failures from any addresses, even with the right password; a success resets the count', async () => {
    await login('10.2.0.1', user.email, 'wrong password 1').expect(401);
    await login('10.2.0.2', user.email, 'wrong password 2').expect(401);
    await login('10.2.0.3', user.email.toUpperCase(), 'correct horse battery').expect(200);
    for (let i = 0; i < 3; i++) await login(`10.2.1.${i}`, user.email, `wrong password ${i}`).expect(401);
    const refused = await login('10.2.2.1', user.email, 'correct horse battery');
    expectTooMany(refused, 'LOGIN_THROTTLED', 15 * 60);
    // Unknown emails are counted the same way, so a 429 says nothing about whether an account exists.
    for (let i = 0; i < 3; i++) await login(`10.2.3.${i}`, 'nobody@example.com', 'wrong password').expect(401);
    expectTooMany(await login('10.2.3.9', 'nobody@example.com', 'wrong password'), 'LOGIN_THROTTLED', 15 * 60);
  });

  it('refuses an address after 5 failures across emails; other addresses still log in', async () => {
    const someone = await signup(t.http);
    for (let i = 0; i < 5; i++) await login('10.3.0.1', `guess-${i}@example.com`, 'wrong password').expect(401);
    expectTooMany(await login('10.3.0.1', someone.email, 'correct horse battery'), 'LOGIN_THROTTLED', 3600);
    await login('10.3.0.2', someone.email, 'correct horse battery').expect(200);
  });

  it('documents the 429 with its Retry-After header', async () => {
    const doc = (await t.http.get('/docs/openapi.json').expect(200)).body;
    expect(doc.paths['/v1/auth/login'].post.responses['429']).toMatchObject({
      headers: { 'Retry-After': { schema: { type: 'integer' } } },
      content: { 'application/problem+json': {} },
    });
    expect(doc.paths['/v1/brands'].get.responses['429'].headers['Retry-After']).toBeDefined();
  });

  it('counts signups per address', async () => {
    const body = (n: number) => ({
      workspaceName: `W${n}`,
      name: 'N',
      email: `signup-${n}-${Date.now()}@example.com`,
      password: 'a long password',
    });
    await t.http.post('/v1/auth/signup').set(from('10.4.0.1')).send(body(1)).expect(201);
    await t.http.post('/v1/auth/signup').set(from('10.4.0.1')).send(body(2)).expect(201);
    expectTooMany(await t.http.post('/v1/auth/signup').set(from('10.4.0.1')).send(body(3)), 'SIGNUP_THROTTLED', 3600);
    await t.http.post('/v1/auth/signup').set(from('10.4.0.2')).send(body(4)).expect(201);
  });
});

describe('workspace-wide budget and the cap on API keys (e2e)', () => {
  const ctx = useTestApp({ RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_PER_WORKSPACE_PER_MINUTE: '8', MAX_API_KEYS_PER_WORKSPACE: '2' });

  it('counts every key and user of a workspace against one budget: more keys do not buy more requests', async () => {
    const owner = await signup(ctx.t.http);
    const keys = [await apiKeySession(ctx.t.http, owner, 'viewer'), await apiKeySession(ctx.t.http, owner, 'viewer')];
    // 2 requests of the owner so far; 3 per key and 0 left for the owner's own budget make 8.
    for (const key of keys) for (let i = 0; i < 3; i++) await ctx.t.http.get('/v1/me').set(key.auth).expect(200);
    const refused = await ctx.t.http.get('/v1/me').set(owner.auth);
    expectTooMany(refused, 'WORKSPACE_RATE_LIMITED', 60);
    // Each key still has 2 of its own 5 left, but the workspace has none.
    expectTooMany(await ctx.t.http.get('/v1/me').set(keys[0].auth), 'WORKSPACE_RATE_LIMITED', 60);
    // Another workspace is not affected.
    await ctx.t.http
      .get('/v1/me')
      .set((await signup(ctx.t.http)).auth)
      .expect(200);
  });

  it('refuses a key over MAX_API_KEYS_PER_WORKSPACE with 409, also when created in parallel', async () => {
    const owner = await signup(ctx.t.http);
    const create = () => ctx.t.http.post('/v1/api-keys').set(owner.auth).send({ name: 'k', role: 'viewer' });
    const statuses = (await Promise.all([create(), create(), create()])).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 409]);
    const refused = await create().expect(409);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_API_KEYS', limit: 2, detail: expect.stringContaining('revoke one') });
  });
});
