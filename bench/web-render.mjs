// npm run bench:web-render: first render of the console's Program and Relationships pages in Debian's Chromium
// (CHROMIUM_PATH overrides /usr/bin/chromium) with 10,000 relationships in the workspace (web.md budget: ≤ 1 s on
// localhost from navigation start to the list painted). Seeds a scratch database (10,000 influencers and
// relationships by SQL, BENCH_CONTRACTS active terms ending within 90 days through the API, so the Program
// page's renewals list has rows), starts the built API, and loads each page BENCH_RUNS times in a fresh
// browser context (cold: no cached asset) and again in one context (warm: assets cached, as a returning
// manager). Baseline in the same run: the page's list request alone, from Node, with the same cookie.
// BENCH_WEB_BEFORE=<a copy of another build's dist/web> (e.g. main's): a second API process serves that build
// from the same database, and every run alternates between the two (the shared machine's load moves).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { dropDatabase, ensureBuilt, fmt, migratedDatabase, percentile, startApi } from './lib.mjs';

const RELATIONSHIPS = Number(process.env.BENCH_RELATIONSHIPS ?? 10_000);
const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 60);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BEFORE_WEB = process.env.BENCH_WEB_BEFORE;
const DB = 'bench_web_render';

ensureBuilt();
const { databaseUrl, pool } = await migratedDatabase(DB, 4);
const apiEnv = { DATABASE_URL: databaseUrl, QUEUE_PREFIX: '{bench-web-render}' };
const api = await startApi({ ...apiEnv, PORT: process.env.BENCH_PORT ?? '3919' });
const beforeDir = BEFORE_WEB && mkdtempSync(join(tmpdir(), 'bench-web-before-'));
if (beforeDir) {
  mkdirSync(join(beforeDir, 'dist'));
  symlinkSync(resolve(BEFORE_WEB), join(beforeDir, 'dist/web'));
}
const beforeApi =
  beforeDir && (await startApi({ ...apiEnv, PORT: String(Number(process.env.BENCH_PORT ?? 3919) - 1) }, { cwd: beforeDir }));
/** What is measured: this build, and the other one when BENCH_WEB_BEFORE names it. */
const targets = [
  ...(beforeApi ? [{ name: 'before', url: beforeApi.url }] : []),
  { name: BEFORE_WEB ? 'after' : 'this build', url: api.url },
];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });

let cookie = '';
async function call(method, path, body) {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-requested-with': 'web', cookie },
    body: body && JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  if (response.headers.get('set-cookie')) cookie = response.headers.get('set-cookie').split(';')[0];
  return json;
}

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function seed() {
  const credentials = { email: 'bench@example.com', password: 'bench password 1' };
  const { workspace } = await call('POST', '/v1/auth/signup', { workspaceName: 'Bench', name: 'Bench Manager', ...credentials });
  await call('POST', '/v1/auth/session', credentials);
  const brand = await call('POST', '/v1/brands', { name: 'Northwind Outdoor', currency: 'EUR', timezone: 'Europe/Paris' });
  await pool.query(
    `WITH ins AS (
       INSERT INTO influencers (workspace_id, name, email, country, tags, max_followers, tier, created_at)
       SELECT $1, 'Creator ' || g, 'creator' || g || '@example.com', 'FR', ARRAY['bench'], 20000 + g, 'micro', now() - g * interval '1 second'
       FROM generate_series(1, $3::int) g RETURNING id, email, max_followers, created_at
     ), acc AS (
       INSERT INTO social_accounts (workspace_id, influencer_id, platform, handle, followers)
       SELECT $1, id, 'instagram', split_part(email, '@', 1), max_followers FROM ins
     )
     INSERT INTO relationships (workspace_id, brand_id, influencer_id, created_at) SELECT $1, $2, id, created_at FROM ins`,
    [workspace.id, brand.id, RELATIONSHIPS],
  );
  for (const table of ['influencers', 'social_accounts', 'relationships']) await pool.query(`VACUUM ANALYZE ${table}`);
  const { data } = await call('GET', `/v1/relationships?limit=${CONTRACTS}`);
  for (const [i, relationship] of data.entries()) {
    const contract = await call('POST', '/v1/contracts', {
      relationshipId: relationship.id,
      startDate: day(-30),
      endDate: day(10 + i),
      retainerMonthly: '500.00',
      commissionRate: '10',
      autoRenew: i % 2 === 0,
      ...(i % 2 === 0 && { renewalTermMonths: 6 }),
    });
    await call('POST', `/v1/contracts/${contract.id}/activate`, {});
  }
}

/**
 * ms from navigation start until the list's first row is on screen (the frame after it entered the DOM), and where
 * the time went (Chromium's navigation and resource timing): the document parsed with its scripts run, the
 * session (`GET /v1/me`) asked and answered, the list asked and answered.
 */
async function firstRender(context, url, rowSelector, dataPath) {
  const page = await context.newPage();
  await page.addInitScript((selector) => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => (window.__listPainted = performance.now())));
    }).observe(document, { childList: true, subtree: true });
  }, rowSelector);
  await page.goto(url);
  await page.waitForFunction(() => window.__listPainted !== undefined, null, { timeout: 30_000 });
  const ms = await page.evaluate((data) => {
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const me = resources.find((r) => new URL(r.name).pathname === '/v1/me');
    const list = resources.find((r) => r.name.includes(data));
    return {
      painted: window.__listPainted,
      scripts: nav.domContentLoadedEventEnd,
      meAsked: me ? me.requestStart : NaN,
      meIn: me ? me.responseEnd : NaN,
      dataAsked: list ? list.requestStart : NaN,
      data: list ? list.responseEnd : NaN,
    };
  }, dataPath);
  await page.close();
  return ms;
}

async function newContext(target) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url: target.url }]);
  return context;
}

const median = (runs, key) =>
  percentile(
    runs.map((r) => r[key]).sort((a, b) => a - b),
    50,
  );

/** Cold then warm runs of every target, alternating target by target within each round. */
async function measure(path, rowSelector, dataPath) {
  const results = targets.map(() => ({ cold: [], warm: [] }));
  for (let i = 0; i < RUNS; i++) {
    for (const [t, target] of targets.entries()) {
      const context = await newContext(target);
      results[t].cold.push(await firstRender(context, target.url + path, rowSelector, dataPath));
      await context.close();
    }
  }
  const contexts = [];
  for (const target of targets) {
    const context = await newContext(target);
    await firstRender(context, target.url + path, rowSelector, dataPath);
    contexts.push(context);
  }
  for (let i = 0; i < RUNS; i++) {
    for (const [t, target] of targets.entries())
      results[t].warm.push(await firstRender(contexts[t], target.url + path, rowSelector, dataPath));
  }
  for (const context of contexts) await context.close();
  return results;
}

async function apiOnly(path) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await call('GET', path);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

try {
  const seeded = performance.now();
  await seed();
  console.log(
    `${RELATIONSHIPS} relationships, ${CONTRACTS} active terms ending within 90 days; seeded in ${fmt((performance.now() - seeded) / 1000)} s`,
  );
  const pages = [
    {
      name: 'Program',
      path: '/app/',
      rows: 'section table tbody tr',
      data: `/v1/contracts?status=active&endingBefore=${day(90)}&limit=200`,
    },
    { name: 'Relationships', path: '/app/relationships', rows: 'main table tbody tr', data: '/v1/relationships?limit=50' },
  ];
  const phases = (runs) =>
    `${fmt(median(runs, 'painted'), 0)} ms (scripts run by ${fmt(median(runs, 'scripts'), 0)}, ` +
    `painted ${fmt(
      median(
        runs.map((r) => ({ gap: r.painted - r.scripts })),
        'gap',
      ),
      0,
    )} after, ` +
    `/v1/me asked ${fmt(median(runs, 'meAsked'), 0)} in ${fmt(median(runs, 'meIn'), 0)}, ` +
    `list asked ${fmt(median(runs, 'dataAsked'), 0)} in ${fmt(median(runs, 'data'), 0)})`;
  for (const p of pages) {
    const results = await measure(p.path, p.rows, p.data.split('?')[0]);
    const baseline = percentile(await apiOnly(p.data), 50);
    console.log(`${p.name} (${p.path}), medians of ${RUNS}, list painted; load average ${fmt(loadavg()[0])}:`);
    for (const [t, target] of targets.entries()) {
      const { cold, warm } = results[t];
      console.log(`  ${target.name}: cold ${phases(cold)}`);
      console.log(`  ${' '.repeat(target.name.length)}  warm ${phases(warm)}`);
      console.log(
        `  ${' '.repeat(target.name.length)}  budget 1000 ms cold: ${median(cold, 'painted') <= 1000 ? 'within' : 'OVER'}; cold painted / baseline ${fmt(median(cold, 'painted') / baseline, 1)}x`,
      );
    }
    console.log(`  baseline GET ${p.data.split('?')[0]} alone from Node: ${fmt(baseline, 0)} ms`);
    if (beforeApi) {
      // Run i of each build ran back to back: the ratio of each pair is what the load moves least.
      const paired = (key, of) =>
        fmt(
          percentile(
            results[1][key].map((after, i) => of(after) / of(results[0][key][i])).sort((a, b) => a - b),
            50,
          ),
          2,
        );
      const painted = (r) => r.painted;
      const afterScripts = (r) => r.painted - r.scripts;
      console.log(
        `  after / before, median of paired runs: painted cold ${paired('cold', painted)}x, warm ${paired('warm', painted)}x; ` +
          `painted after the scripts ran cold ${paired('cold', afterScripts)}x, warm ${paired('warm', afterScripts)}x`,
      );
    }
  }
  console.log(
    `load average during the run: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores`,
  );
} finally {
  await browser.close();
  await api.stop();
  if (beforeApi) await beforeApi.stop();
  if (beforeDir) rmSync(beforeDir, { recursive: true });
  await pool.end();
  if (!process.env.BENCH_KEEP_DB) await dropDatabase(DB);
}
