// bench/relationships-list: GET /v1/relationships?limit=50, first page, under each sort (-createdAt, name, termEnd,
// -quarterRoi), through the built API, against the same statement through `pg` with the server's settings (raw, as
// PostgreSQL plans it by default) and with JIT off (raw, no JIT): one request at a time, sorts taken in turn.
// It runs on the database bench/reports-quarterly keeps (BENCH_KEEP_DB=1): 12,000 relationships in one workspace,
// 2,500 of them with an active term. The API's clock is the real one, so the brand's current quarter has no rollup
// rows there: the quarter's lateral finds nothing, and what it costs here is its probes, not its sums.
// BENCH_API_MAIN (see lib.mjs) runs another build's API for alternated runs; BENCH_PORT (3921) is its port.
// Usage: npm run build && node bench/relationships-list.mjs; env: BENCH_DB (acrm_bench_reports), BENCH_ROUNDS (20)
import { createRequire } from 'node:module';
import { ensureBuilt, fmt, keptDatabase, percentile, startApi } from './lib.mjs';

const DB = process.env.BENCH_DB ?? 'acrm_bench_reports';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const SORTS = ['-createdAt', 'name', 'termEnd', '-quarterRoi'];
const require = createRequire(import.meta.url);

ensureBuilt();
const { databaseUrl, pool } = keptDatabase(DB);
const api = await startApi({
  PORT: process.env.BENCH_PORT ?? '3921',
  DATABASE_URL: databaseUrl,
});
const p50 = (times) =>
  percentile(
    [...times].sort((a, b) => a - b),
    50,
  );

try {
  const login = await fetch(`${api.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', password: 'bench password 1' }),
  });
  if (!login.ok) throw new Error(`login: ${login.status}; run bench/reports-quarterly with BENCH_KEEP_DB=1 first`);
  const auth = { authorization: `Bearer ${(await login.json()).accessToken}` };
  const workspaceId = (await pool.query(`SELECT workspace_id FROM brands WHERE name = 'Bench brand'`)).rows[0].workspace_id;
  const { relationshipListSql } = require(`${process.cwd()}/dist/libs/relationships/src/relationship-list.sql.js`);
  const { sortSpec } = require(`${process.cwd()}/dist/libs/relationships/src/relationship-sort.js`);

  const viaApi = async (sort) => {
    const t = performance.now();
    const response = await fetch(`${api.url}/v1/relationships?limit=50&sort=${sort}`, { headers: auth });
    const { data: items } = await response.json();
    if (!response.ok || items.length !== 50) throw new Error(`GET ?sort=${sort}: ${response.status}, ${items?.length} items`);
    return performance.now() - t;
  };
  const viaPg = (jit) => async (sort) => {
    const client = await pool.connect();
    try {
      const t = performance.now();
      await client.query('BEGIN');
      await client.query(`SELECT set_config('jit', $1, true)`, [jit]);
      const { rows } = await client.query(relationshipListSql('', sortSpec(sort), '$3'), [workspaceId, new Date(), 51]);
      await client.query('COMMIT');
      if (rows.length !== 51) throw new Error(`raw ?sort=${sort}: ${rows.length} rows`);
      return performance.now() - t;
    } finally {
      client.release();
    }
  };
  const sides = [
    ['API', viaApi],
    ['raw', viaPg('on')],
    ['raw, no JIT', viaPg('off')],
  ];
  const times = new Map(sides.flatMap(([side]) => SORTS.map((sort) => [`${side} ${sort}`, []])));
  // The first round of each is a warm-up (connections, catalog caches, the API's code), not counted.
  for (let round = 0; round <= ROUNDS; round++)
    for (const sort of SORTS)
      for (const [side, run] of sides) {
        const ms = await run(sort);
        if (round > 0) times.get(`${side} ${sort}`).push(ms);
      }
  console.log(`${ROUNDS} rounds, first page of 50, one request at a time; p50 ms (API / raw)`);
  console.log('sort          API      raw   raw, no JIT   API / raw');
  for (const sort of SORTS) {
    const [a, r, n] = sides.map(([side]) => p50(times.get(`${side} ${sort}`)));
    console.log(`${sort.padEnd(12)} ${fmt(a).padStart(6)} ${fmt(r).padStart(8)} ${fmt(n).padStart(10)} ${fmt(a / r, 2).padStart(11)}`);
  }
} finally {
  await api.stop();
  await pool.end();
}
