// bench/api-read: 100k influencers in one workspace, GET /v1/influencers?tier=micro&limit=50 paged through
// by a cheap HTTP client in its own process (http-load.mjs), against the same page queries run straight through pg in the same run.
// Usage: npm run bench:api-read  (env: BENCH_INFLUENCERS, BENCH_CONNECTIONS, BENCH_SECONDS, BENCH_ROUNDS, BENCH_WARMUP_SECONDS, BENCH_KEEP_DB,
// BENCH_AUTH=cookie, BENCH_API_MAIN)
import pg from 'pg';
import { cpuMeter } from './cpu-meter.mjs';
import { httpLoad } from './http-load.mjs';
import { dropDatabase, ensureBuilt, fmt, freshDatabase, percentile, startApi } from './lib.mjs';
import { execFileSync } from 'node:child_process';

const INFLUENCERS = Number(process.env.BENCH_INFLUENCERS ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const DB = 'acrm_bench_api_read';

ensureBuilt();
const databaseUrl = await freshDatabase(DB);
execFileSync(process.execPath, ['dist/libs/database/src/migrate.cli.js'], {
  env: { ...process.env, DATABASE_URL: databaseUrl },
  stdio: 'ignore',
});
const api = await startApi({
  PORT: process.env.BENCH_PORT ?? '3917',
  DATABASE_URL: databaseUrl,
});

try {
  const signup = await (
    await fetch(`${api.url}/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspaceName: 'Bench', name: 'Bench', email: 'bench@example.com', password: 'bench password 1' }),
    })
  ).json();
  // BENCH_AUTH=cookie loads the API as the console does: the session cookie of POST /v1/auth/session.
  const auth =
    process.env.BENCH_AUTH === 'cookie' ? { cookie: await sessionCookie(api.url) } : { authorization: `Bearer ${signup.accessToken}` };
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  await seed(pool, signup.workspace.id);

  // Walk every page once through the API: the cursors the load then requests at random.
  const paths = [];
  for (let path = '/v1/influencers?tier=micro&limit=50'; path;) {
    paths.push(path);
    const page = await (await fetch(api.url + path, { headers: auth })).json();
    if (!Array.isArray(page.data)) throw new Error(`unexpected answer: ${JSON.stringify(page).slice(0, 300)}`);
    path = page.nextCursor ? `/v1/influencers?tier=micro&limit=50&cursor=${page.nextCursor}` : null;
  }
  console.log(
    `${INFLUENCERS} influencers seeded; ${paths.length} pages of tier=micro; ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per side`,
  );

  // This machine is noisy (shared VM): API and raw alternate for ROUNDS rounds, each printed, then the means.
  // CPU seconds per request of each process (from /proc) swing far less with the machine's load than req/s.
  const meter = cpuMeter({ api: api.child.pid, bench: process.pid }, pool);
  // Both sides first run BENCH_WARMUP_SECONDS (5) not counted: a freshly started API compiles its hot paths in
  // its first seconds under load, which put the first round's p99 at 2-3 times the next ones' (bench/README.md).
  if (WARMUP_SECONDS > 0) {
    const warmApi = await httpLoad({ url: api.url, connections: CONNECTIONS, seconds: WARMUP_SECONDS, paths, headers: auth }).result;
    const warmRaw = await rawBaseline(pool, signup.workspace.id, paths, WARMUP_SECONDS);
    console.log(
      `warm-up, not counted (${WARMUP_SECONDS} s a side): API ${fmt(warmApi.rps)} req/s p99 ${fmt(warmApi.p99)} ms; raw ${fmt(warmRaw.rps)} req/s p99 ${fmt(warmRaw.p99)} ms`,
    );
  }
  const rounds = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const viaApi = await meter.measure(
      () => httpLoad({ url: api.url, connections: CONNECTIONS, seconds: SECONDS, paths, headers: auth }).result,
    );
    const raw = await meter.measure(() => rawBaseline(pool, signup.workspace.id, paths));
    rounds.push({ api: viaApi, raw });
  }
  await pool.end();

  console.log('\nround  side  route                                   req/s     p50 ms   p99 ms   errors');
  rounds.forEach(({ api: a, raw: r }, i) => {
    console.log(
      `${String(i + 1).padStart(5)}  API   GET /v1/influencers?tier=micro&limit=50 ${fmt(a.rps).padStart(8)} ${fmt(a.p50).padStart(9)} ${fmt(a.p99).padStart(8)} ${String(a.errors).padStart(8)}`,
    );
    console.log(
      `${String(i + 1).padStart(5)}  raw   the same page query through pg      ${fmt(r.rps).padStart(8)} ${fmt(r.p50).padStart(9)} ${fmt(r.p99).padStart(8)} ${'0'.padStart(8)}`,
    );
  });
  const mean = (pick) => rounds.reduce((sum, r) => sum + pick(r), 0) / rounds.length;
  const apiRps = mean((r) => r.api.rps);
  const rawRps = mean((r) => r.raw.rps);
  console.log(`\nmean: API ${fmt(apiRps)} req/s, raw ${fmt(rawRps)} req/s; ratio API/raw ${fmt(apiRps / rawRps, 2)} (target >= 0.50)`);
  const apiP99 = mean((r) => r.api.p99);
  const rawP99 = mean((r) => r.raw.p99);
  console.log(
    `API p99 ${fmt(apiP99)} ms, raw p99 ${fmt(rawP99)} ms at ${CONNECTIONS} connections: ${fmt(apiP99 / rawP99, 2)}x (target <= 1.5x)`,
  );
  // ms of CPU per request: the API process and PostgreSQL for the API side; the bench's own pg client and
  // PostgreSQL for the raw side; the load generator's own process during the API side.
  const perRequest = (side, name) => mean((r) => (1000 * r[side].cpu[name]) / r[side].requests);
  const loadPerRequest = mean((r) => (1000 * r.api.loadCpu) / r.api.requests);
  const apiCpu = perRequest('api', 'api') + perRequest('api', 'postgres');
  const rawCpu = perRequest('raw', 'bench') + perRequest('raw', 'postgres');
  console.log(
    `CPU ms per request: API side ${fmt(perRequest('api', 'api'), 2)} (API) + ${fmt(perRequest('api', 'postgres'), 2)} (PostgreSQL), load generator ${fmt(loadPerRequest, 2)}; ` +
      `raw side ${fmt(perRequest('raw', 'bench'), 2)} (pg client) + ${fmt(perRequest('raw', 'postgres'), 2)} (PostgreSQL); raw/API ${fmt(rawCpu / apiCpu, 2)}`,
  );
} finally {
  await api.stop();
  // BENCH_KEEP_DB=1 leaves the seeded database for EXPLAIN and friends.
  if (!process.env.BENCH_KEEP_DB) await dropDatabase(DB);
}

async function seed(pool, workspaceId) {
  // Followers drawn so that ~45% are micro; tier computed with the default thresholds, as the API would.
  await pool.query(
    `WITH src AS (
       SELECT g, (CASE WHEN r < 0.30 THEN 500 + (r * 30000)::int WHEN r < 0.75 THEN 10000 + ((r - 0.30) * 199000)::int
                       WHEN r < 0.90 THEN 100000 + ((r - 0.75) * 2600000)::int WHEN r < 0.97 THEN 500000 + ((r - 0.90) * 7000000)::int
                       ELSE 1000000 + ((r - 0.97) * 100000000)::int END)::bigint AS followers
       FROM (SELECT g, random() AS r FROM generate_series(1, $2::int) g) s
     ), ins AS (
       INSERT INTO influencers (workspace_id, name, email, country, tags, max_followers, tier, created_at)
       SELECT $1, 'Creator ' || g, 'creator' || g || '@example.com', 'FR', ARRAY['bench', CASE WHEN g % 2 = 0 THEN 'outdoor' ELSE 'beauty' END], followers,
              CASE WHEN followers < 10000 THEN 'nano' WHEN followers < 100000 THEN 'micro' WHEN followers < 500000 THEN 'mid' WHEN followers < 1000000 THEN 'macro' ELSE 'mega' END,
              now() - g * interval '1 second'
       FROM src RETURNING id, email, max_followers
     )
     INSERT INTO social_accounts (workspace_id, influencer_id, platform, handle, followers)
     SELECT $1, id, 'instagram', split_part(email, '@', 1), max_followers FROM ins`,
    [workspaceId, INFLUENCERS],
  );
  await pool.query('VACUUM ANALYZE influencers');
  await pool.query('VACUUM ANALYZE social_accounts');
}

/**
 * The statement the API issues for one page (selectInfluencerRecords in libs/influencers: the page with
 * its accounts aggregated as JSON), at the same concurrency and pool size, without HTTP, auth or Nest.
 */
async function rawBaseline(pool, workspaceId, paths, seconds = SECONDS) {
  const cursors = paths.map((p) => {
    const raw = new URL(p, 'http://x').searchParams.get('cursor');
    return raw ? JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) : null;
  });
  const select = `SELECT i.id, i.name, i.email, i.country, i.tags, i.notes, i.tier, i.max_followers::float8 AS "maxFollowers",
      i.created_at AS "createdAt", i.updated_at AS "updatedAt",
      COALESCE((SELECT json_agg(json_build_object('id', a.id, 'platform', a.platform, 'handle', a.handle, 'url', a.url,
        'followers', a.followers, 'engagementRate', trim_scale(a.engagement_rate)::text, 'asOf', a.as_of::text)
        ORDER BY a.followers DESC, a.platform) FROM social_accounts a WHERE a.influencer_id = i.id), '[]') AS "socialAccounts"
    FROM influencers i WHERE i.workspace_id = $1 AND i.tier = 'micro'`;
  const latencies = [];
  const deadline = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < deadline) {
      const cursor = cursors[Math.floor(Math.random() * cursors.length)];
      const started = performance.now();
      await pool.query(
        `${select} ${cursor ? 'AND (i.created_at, i.id) < ($2, $3)' : ''} ORDER BY i.created_at DESC, i.id DESC LIMIT 51`,
        cursor ? [workspaceId, cursor[0], cursor[1]] : [workspaceId],
      );
      latencies.push(performance.now() - started);
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / ((Date.now() - started) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: latencies.length,
  };
}

async function sessionCookie(url) {
  const response = await fetch(`${url}/v1/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', password: 'bench password 1' }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('acrm_session='));
  if (!cookie) throw new Error(`POST /v1/auth/session answered ${response.status} without a session cookie`);
  return cookie.split(';')[0];
}
