import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, useTestApp } from './support';

/** The API serves the built browser apps (web.md): jest's globalSetup built dist/web like `npm run build`. */
describe('web apps served by the API (e2e)', () => {
  const ctx = useTestApp();
  const asset = (app: string, ext: string) => readdirSync(join(repoRoot, 'dist/web', app, 'assets')).find((f) => f.endsWith(ext));

  it('redirects / to the console', async () => {
    const response = await ctx.t.http.get('/').expect(302);
    expect(response.headers.location).toBe('/app/');
  });

  it.each([
    '/app/',
    '/app/relationships',
    '/app/relationships/4f0c2a4e-0b7e-4d8e-9a43-1d1b6f0c7d11?tab=terms',
    '/portal/',
    '/portal/earnings',
  ])('answers %s with its app page, revalidated on every load', async (path) => {
    const response = await ctx.t.http.get(path).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.text).toContain(path.startsWith('/app') ? '<title>Ambassador CRM</title>' : '<title>Ambassador portal</title>');
  });

  it('serves hashed assets for a year, and a missing asset is a 404, not the page', async () => {
    for (const [app, path] of [
      ['app', '/app'],
      ['portal', '/portal'],
    ]) {
      const js = asset(app, '.js');
      const response = await ctx.t.http.get(`${path}/assets/${js}`).expect(200);
      expect(response.headers['content-type']).toMatch(/javascript/);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    await ctx.t.http.get('/app/assets/index-missing.js').expect(404);
  });

  it("declares each app's icon, so a browser does not ask for /favicon.ico (a 404 in every console)", async () => {
    for (const path of ['/app/', '/portal/']) {
      const page = await ctx.t.http.get(path).expect(200);
      const href = /<link rel="icon" type="image\/svg\+xml" href="([^"]+)"/.exec(page.text)?.[1];
      expect(href).toMatch(new RegExp(`^${path}assets/favicon-[\\w-]+\\.svg$`));
      const icon = await ctx.t.http.get(href!).buffer(true).expect(200);
      expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(icon.body.toString()).toMatch(/^<svg /);
    }
  });

  it('leaves the API alone: an unknown /v1 route is still a problem+json 404', async () => {
    const response = await ctx.t.http.get('/v1/nothing-here').set(ctx.owner.auth).expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
