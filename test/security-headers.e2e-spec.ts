import { NestExpressApplication } from '@nestjs/platform-express';
import { Browser, chromium, Page } from 'playwright-core';
import request from 'supertest';
import { useTestApp } from './support';
import { createApiApp } from '../apps/api/src/core/app.setup';

/** Debian's chromium (apt-get install chromium; .ci/run installs it when missing). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const APP_ORIGIN = 'https://app.example.com';

describe('security headers, CORS and body size (e2e)', () => {
  const ctx = useTestApp({ CORS_ORIGINS: `${APP_ORIGIN}, http://localhost:5173`, BODY_LIMIT: '2kb' });
  /** The same API behind TLS (APP_URL https://), without CORS_ORIGINS. */
  let tls: NestExpressApplication;
  beforeAll(async () => {
    tls = await createApiApp({ ...ctx.t.env, APP_URL: 'https://crm.example.com', CORS_ORIGINS: '' });
    await tls.init();
  });
  afterAll(() => tls?.close());

  it('sends helmet headers on every answer, without HSTS or request upgrades over plain http', async () => {
    for (const response of [
      await ctx.t.http.get('/v1/me').set(ctx.owner.auth).expect(200),
      await ctx.t.http.get('/v1/nope').expect(404),
      await ctx.t.http.get('/health'),
    ]) {
      const csp = response.headers['content-security-policy'];
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
      });
      expect(response.headers['strict-transport-security']).toBeUndefined();
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('adds HSTS (no includeSubDomains) and upgrade-insecure-requests when APP_URL is https', async () => {
    const response = await request(tls.getHttpServer()).get('/health');
    expect(response.headers['strict-transport-security']).toBe('max-age=15552000');
    expect(response.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });

  it('answers CORS for the configured origins only, exposing the rate-limit headers', async () => {
    const allowed = await ctx.t.http.get('/v1/me').set(ctx.owner.auth).set('Origin', APP_ORIGIN).expect(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
    expect(allowed.headers['access-control-expose-headers']).toContain('Retry-After');
    expect(allowed.headers['access-control-expose-headers']).toContain('RateLimit-Remaining');
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();

    const preflight = await ctx.t.http
      .options('/v1/brands')
      .set('Origin', 'http://localhost:5173')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect(preflight.headers['access-control-allow-headers']).toBe('authorization,content-type');

    const denied = await ctx.t.http.get('/v1/me').set(ctx.owner.auth).set('Origin', 'https://evil.example.com').expect(200);
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    const deniedPreflight = await ctx.t.http
      .options('/v1/brands')
      .set('Origin', 'https://evil.example.com')
      .set('Access-Control-Request-Method', 'POST');
    expect(deniedPreflight.headers['access-control-allow-origin']).toBeUndefined();

    const unconfigured = await request(tls.getHttpServer()).get('/health').set('Origin', APP_ORIGIN);
    expect(unconfigured.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a JSON or CSV body over BODY_LIMIT with 413 problem+json and writes nothing', async () => {
    const big = await ctx.t.http
      .post('/v1/brands')
      .set(ctx.owner.auth)
      .send({ name: 'x'.repeat(3_000), currency: 'EUR', timezone: 'UTC' })
      .expect(413);
    expect(big.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(big.body).toMatchObject({ status: 413, title: 'Payload Too Large', detail: expect.any(String) });
    const csv = await ctx.t.http
      .post('/v1/influencers/import')
      .set(ctx.owner.auth)
      .set('Content-Type', 'text/csv')
      .send(`name,email\n${'a,a@example.com\n'.repeat(200)}`)
      .expect(413);
    expect(csv.body.status).toBe(413);
    expect((await ctx.t.http.get('/v1/brands').set(ctx.owner.auth).expect(200)).body.data).toEqual([]);
    await ctx.t.http.post('/v1/brands').set(ctx.owner.auth).send({ name: 'Small', currency: 'EUR', timezone: 'UTC' }).expect(201);
  });

  describe('in a browser', () => {
    let board: NestExpressApplication;
    let browser: Browser;
    let baseUrl: string;
    const violations: string[] = [];
    beforeAll(async () => {
      board = await createApiApp({ ...ctx.t.env, OPERATOR_WORKSPACE_IDS: ctx.owner.workspaceId });
      await board.listen(0, '127.0.0.1');
      baseUrl = (await board.getUrl()).replace('[::1]', '127.0.0.1');
      browser = await chromium.launch({ executablePath: CHROMIUM });
    });
    afterAll(async () => {
      await browser?.close();
      await board?.close();
    });

    async function open(path: string): Promise<Page> {
      const page = await browser.newPage();
      page.on('console', (message) => /Content Security Policy/i.test(message.text()) && violations.push(message.text()));
      await page.goto(`${baseUrl}${path}`);
      return page;
    }

    it('renders Swagger UI at /docs under the CSP', async () => {
      const page = await open('/docs');
      await page.locator('.swagger-ui .info .title').waitFor({ timeout: 15_000 });
      expect(await page.locator('.swagger-ui .info .title').innerText()).toContain('ambassador-crm');
      await page.locator('.opblock').first().waitFor();
      // Swagger UI renders the operations near the viewport only: scroll down the document, collecting them.
      const seen = new Set<string>();
      for (let i = 0; i < 40 && seen.size <= 20; i++) {
        for (const id of await page.locator('.opblock').evaluateAll((blocks) => blocks.map((b) => b.id))) seen.add(id);
        await page.mouse.wheel(0, 2000);
        await page.waitForTimeout(100);
      }
      expect(seen.size).toBeGreaterThan(20);
      expect(violations).toEqual([]);
    });

    it('renders Bull Board at /admin/queues under the CSP, after its login form', async () => {
      const page = await open('/admin/queues');
      await page.locator('input[name=token]').fill(ctx.owner.token);
      await page.locator('button').click();
      await page.getByText('notifications').first().waitFor({ timeout: 15_000 });
      expect(await page.content()).toContain('rollups');
      expect(violations).toEqual([]);
    });
  });
});
