// bench/api-read: 100k influencers in one workspace, GET /v1/influencers?tier=micro&limit=50 paged through
// with autocannon, against the same page queries run straight through pg in the same run.
// Usage: npm run bench:api-read  (env: BENCH_INFLUENCERS, BENCH_CONNECTIONS, BENCH_SECONDS)
import autocannon from 'autocannon';
import pg from 'pg';
import { dropDatabase, ensureBuilt, fmt, freshDatabase, percentile, REDIS_URL, startApi } from './lib.mjs';
import { execFileSync } from 'node:child_process';

const INFLUENCERS = Number(process.env.BENCH_INFLUENCERS ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const DB = 'acrm_bench_api_read';

ensureBuilt();
const databaseUrl = await freshDatabase(DB);
execFileSync(process.execPath, ['dist/libs/database/src/migrate.cli.js'], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: 'ignore' });
const api = await startApi({ PORT: '3917', DATABASE_URL: databaseUrl, REDIS_URL, LOG_LEVEL: 'warn', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00', BCRYPT_ROUNDS: '4' });

try {
  const signup = await (await fetch(`${api.url}/v1/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ workspaceName: 'Bench', name: 'Bench', email: 'bench@example.com', password: 'bench password 1' }) })).json();
  const auth = { authorization: `Bearer ${signup.accessToken}` };
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  await seed(pool, signup.workspace.id);

  // Walk every page once through the API: the cursors the load then requests at random.
  const paths = [];
  for (let path = '/v1/influencers?tier=micro&limit=50'; path; ) {
    paths.push(path);
    const page = await (await fetch(api.url + path, { headers: auth })).json();
    if (!Array.isArray(page.data)) throw new Error(`unexpected answer: ${JSON.stringify(page).slice(0, 300)}`);
    path = page.nextCursor ? `/v1/influencers?tier=micro&limit=50&cursor=${page.nextCursor}` : null;
  }
  console.log(`${INFLUENCERS} influencers seeded; ${paths.length} pages of tier=micro; ${CONNECTIONS} connections, ${SECONDS} s each side`);

  const viaApi = await autocannon({
    url: api.url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: auth,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[Math.floor(Math.random() * paths.length)] }) }],
  });
  const raw = await rawBaseline(pool, signup.workspace.id, paths);
  await pool.end();

  const apiRps = viaApi.requests.average;
  console.log('\nroute                                   req/s     p50 ms   p99 ms   errors');
  console.log(`API  GET /v1/influencers?tier=micro  ${fmt(apiRps).padStart(9)} ${fmt(viaApi.latency.p50).padStart(9)} ${fmt(viaApi.latency.p99).padStart(8)} ${String(viaApi.errors + viaApi.non2xx).padStart(8)}`);
  console.log(`raw  same page queries through pg    ${fmt(raw.rps).padStart(9)} ${fmt(raw.p50).padStart(9)} ${fmt(raw.p99).padStart(8)} ${'0'.padStart(8)}`);
  console.log(`\nratio API/raw: ${fmt(apiRps / raw.rps, 2)} (target >= 0.50); API p99 ${fmt(viaApi.latency.p99)} ms (target < 50 ms)`);
} finally {
  await api.stop();
  await dropDatabase(DB);
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

/** The rows one page serves (the page of influencers, then their accounts), at the same concurrency. */
async function rawBaseline(pool, workspaceId, paths) {
  const cursors = paths.map((p) => {
    const raw = new URL(p, 'http://x').searchParams.get('cursor');
    return raw ? JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) : null;
  });
  const latencies = [];
  const deadline = Date.now() + SECONDS * 1000;
  const worker = async () => {
    while (Date.now() < deadline) {
      const cursor = cursors[Math.floor(Math.random() * cursors.length)];
      const started = performance.now();
      const page = await pool.query(
        `SELECT * FROM influencers WHERE workspace_id = $1 AND tier = 'micro' ${cursor ? 'AND (created_at, id) < ($2, $3)' : ''} ORDER BY created_at DESC, id DESC LIMIT 51`,
        cursor ? [workspaceId, cursor[0], cursor[1]] : [workspaceId],
      );
      await pool.query('SELECT * FROM social_accounts WHERE influencer_id = ANY($1::uuid[])', [page.rows.map((r) => r.id)]);
      latencies.push(performance.now() - started);
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / ((Date.now() - started) / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}
