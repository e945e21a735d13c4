// bench/rollup-sweep: the cold sweep of bench/rollup, repeated on the database it kept (BENCH_KEEP_DB=1), so
// builds can be alternated in the same conditions. Each round writes BENCH_NEW (10,000) new conversions over
// the last week of 2025, one per relationship, with their marks (as bench/rollup's step 2 does), evicts the
// shared buffers by reading a large index the sweep never uses, starts the worker afresh, then times `sweep()` of
// each build named in BENCH_DISTS (comma-separated dist directories, default ./dist), round after round: A, B, A, B ...
// Cold is what the first sweep after a restart or after the nightly reconcile meets: the sweep's pages not in
// shared buffers (the OS page cache keeps them: the reconcile has just read every ledger), and new connections
// (catalog caches, statements not yet prepared): a restart starts with none, and the pool closes a connection idle
// for two minutes, which a reconcile outlasts.
// Printed per sweep: seconds and the load average; per round, the database's blocks read outside shared buffers and
// hit (pg_stat_database). BENCH_SETUP (comma-separated SQL files, one per build) runs a file before each sweep of its build,
// e.g. to alternate two trigger functions on one database.
// The marks are written before the worker starts, and its start-up (until createWorkerApp returns) is printed
// beside the sweep: whatever a worker does at start (e.g. a warm-up) happens after the eviction, as after a restart.
// BENCH_STATIO=1 also prints, per sweep, the blocks read per relation (pg_statio_*, the eviction's index left out) and
// the rows inserted, updated and HOT-updated in the daily and monthly rollup tables (pg_stat_user_tables).
// BENCH_PRIME=1 runs three rollup jobs of relationships without marks on the fresh worker before its sweep (prime, below).
// Usage: node bench/rollup-sweep.mjs   env: BENCH_DB, BENCH_DISTS, BENCH_SETUP, BENCH_ROUNDS (3), BENCH_NEW, BENCH_WARM, BENCH_GAP, BENCH_STATIO,
// BENCH_EVICT (0: no eviction), BENCH_PRIME
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { benchWorkerQueues, fmt, SERVER_URL } from './lib.mjs';

const DB = process.env.BENCH_DB ?? 'acrm_bench_rollup';
const DISTS = (process.env.BENCH_DISTS ?? 'dist').split(',').map((dir) => resolve(dir));
const SETUP = process.env.BENCH_SETUP ? process.env.BENCH_SETUP.split(',').map((file) => readFileSync(file, 'utf8')) : [];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const NEW = Number(process.env.BENCH_NEW ?? 10_000);
const require = createRequire(import.meta.url);
const databaseUrl = `${SERVER_URL}/${DB}`;
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
const blocks = async () =>
  (await pool.query(`SELECT blks_read::bigint AS read, blks_hit::bigint AS hit FROM pg_stat_database WHERE datname = current_database()`))
    .rows[0];

/** Per relation: blocks read (heap or index) and, for tables, rows inserted, updated, HOT-updated. */
const statio = async () =>
  new Map(
    (
      await pool.query(`SELECT 'heap ' || relname AS rel, heap_blks_read::bigint AS read, 0::bigint AS ins, 0::bigint AS upd, 0::bigint AS hot FROM pg_statio_user_tables
      UNION ALL SELECT 'index ' || indexrelname, idx_blks_read, 0, 0, 0 FROM pg_statio_user_indexes
      UNION ALL SELECT 'rows ' || relname, 0, n_tup_ins, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname LIKE 'relationship_%_stats%'`)
    ).rows.map((r) => [r.rel, r]),
  );
const statioDiff = (before, after) => {
  const lines = [];
  let total = 0;
  for (const [rel, a] of after) {
    const b = before.get(rel) ?? { read: 0, ins: 0, upd: 0, hot: 0 };
    const d = (k) => Number(a[k]) - Number(b[k]);
    // The eviction's own index scan (ix_conversions_workspace_occurred) may be counted late: left out.
    if (rel.includes('workspace_occurred')) continue;
    total += d('read');
    if (d('read') >= 50) lines.push([d('read'), `  ${rel}: ${d('read')} blocks read`]);
    if (d('ins') + d('upd') > 0) lines.push([-1, `  ${rel}: ${d('ins')} inserted, ${d('upd')} updated (${d('hot')} HOT)`]);
  }
  return [`  ${total} blocks read in all, by relation (>= 50):`, ...lines.sort((x, y) => y[0] - x[0]).map((l) => l[1])].join('\n');
};

const relationships = Number((await pool.query('SELECT count(*) FROM bench_rel')).rows[0].count);
const conversions = Number((await pool.query(`SELECT count(*) FROM conversions`)).rows[0].count);
const results = DISTS.map(() => []);
/** A worker of `dist` started afresh: its own queues, a new pool. */
const startWorker = async (dist, i) => {
  const queues = await benchWorkerQueues(databaseUrl, `{acrm-bench-sweep-${process.pid}-${i}}`);
  const { createWorkerApp } = require(`${dist}/apps/worker/src/worker.setup.js`);
  const { RollupsService } = require(`${dist}/libs/rollups/src/index.js`);
  const app = await createWorkerApp(queues.env);
  return { app, queues, rollups: app.get(RollupsService) };
};
let worker;
let next = conversions + 1_000_000_000;
/** NEW conversions over the last week of 2025, one per relationship, with their marks, as ingest writes them. */
const writeConversions = async () => {
  // The previous sweep's claimed marks are dead rows: autovacuum clears them within a minute on a live server, but
  // the development server runs with autovacuum off, and rounds ten seconds apart grew this table and its indexes
  // round after round (270,000 dead marks, ~5,600 of a sweep's blocks read in the eighth session's runs).
  // The rollup tables too: each sweep leaves 10,000 dead months and up to as many dead days, which autovacuum clears
  // every few sweeps (its 20 % threshold); without it, after ~70 sweeps in the thirteenth session, 356,000 dead months
  // lay beside 256,000 live ones.
  await pool.query('VACUUM rollup_dirty_days, relationship_monthly_stats, relationship_daily_stats');
  await pool.query(`BEGIN;
    INSERT INTO conversions (workspace_id, relationship_id, contract_id, source, external_id, occurred_at, attributed_by, currency, gross_amount, net_amount, commission_rate, commission_amount, status)
      SELECT r.workspace_id, r.id, r.contract_id, 'api', 'sweep-' || g, timestamptz '2025-12-25 00:00Z' + ((g * 2654435761) % 604800) * interval '1 second',
        'relationship', 'EUR', a.net, a.net, 10, a.net / 10, 'approved'
      FROM generate_series(${next}::bigint, ${next + NEW - 1}::bigint) g JOIN bench_rel r ON r.k = g % ${relationships}
      CROSS JOIN LATERAL (SELECT (1000 + (g * 7919) % 9000) / 100.0 AS net) a;
    INSERT INTO rollup_dirty_days (relationship_id, day)
      SELECT DISTINCT c.relationship_id, (c.occurred_at AT TIME ZONE b.timezone)::date FROM conversions c JOIN bench_rel r ON r.id = c.relationship_id
      JOIN brands b ON b.id = r.brand_id WHERE c.external_id LIKE 'sweep-%' AND c.external_id >= 'sweep-${next}' AND c.external_id <= 'sweep-${next + NEW - 1}';
    COMMIT`);
  next += NEW;
};
/**
 * BENCH_PRIME=1: before the sweep, the rollup jobs of relationships without marks, three at once (the lanes' and the
 * batch reader's connections), as a live worker runs them between sweeps. Their statements write no row, and each
 * connection's first run of the monthly trigger is then one with empty transition tables, which PL/pgSQL plans
 * for (a fresh worker's first sweep batch would otherwise be its first run, with 1,000 rows).
 */
const prime = async (label) => {
  const ids = (
    await pool.query(
      `SELECT id FROM bench_rel r WHERE NOT EXISTS (SELECT 1 FROM rollup_dirty_days m WHERE m.relationship_id = r.id) LIMIT 3`,
    )
  ).rows.map((row) => row.id);
  const started = performance.now();
  await Promise.all(ids.map((id) => worker.rollups.recompute([id])));
  console.log(`${label}: ${ids.length} relationship jobs without marks first, ${fmt(performance.now() - started, 0)} ms`);
};
/** Times one sweep of the worker; prints its seconds and the load. */
const timedSweep = async (label) => {
  const loadBefore = load();
  const started = performance.now();
  const swept = await worker.rollups.sweep();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label}: sweep ${fmt(seconds, 3)} s, ${swept.relationships} relationships, ${swept.days} days, ${swept.written} written; load ${loadBefore}`,
  );
  return seconds;
};
try {
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [i, dist] of DISTS.entries()) {
      await writeConversions();
      if (SETUP[i]) await pool.query(SETUP[i]);
      // Evict the sweep's pages from shared buffers: an index scan over a large index it never reads (index
      // scans take no ring buffer), as the bulk work before a nightly sweep or a restart leaves them.
      // BENCH_EVICT=0 skips it: the sweep then meets only what the writes and the sweep before it left in shared buffers.
      if (process.env.BENCH_EVICT !== '0')
        await pool.query(`BEGIN; SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off;
          SELECT count(*) FROM conversions WHERE workspace_id = (SELECT workspace_id FROM bench_rel LIMIT 1) AND source >= ''; COMMIT`);
      const label = `round ${round} ${DISTS[i]}${SETUP[i] ? ` (${process.env.BENCH_SETUP.split(',')[i]})` : ''}`;
      const before = await blocks();
      const statioBefore = process.env.BENCH_STATIO ? await statio() : undefined;
      // Then the worker starts, as after a restart with marks waiting, and the sweep runs once it is ready: its
      // start-up is printed, not counted in the sweep.
      const starting = performance.now();
      worker = await startWorker(dist, i);
      console.log(`${label}: worker ready in ${fmt((performance.now() - starting) / 1000, 3)} s; load ${load()}`);
      if (process.env.BENCH_PRIME) await prime(label);
      results[i].push(await timedSweep(`${label}, cold`));
      // BENCH_WARM=1: then the next NEW conversions on the same worker, right away: its connections and the pages
      // that stayed in shared buffers warm, as a sweep a minute after another on a busy worker.
      if (process.env.BENCH_WARM) {
        // BENCH_GAP seconds between the two (e.g. 60, the sweep's period): what the pool keeps open meanwhile.
        await sleep(Number(process.env.BENCH_GAP ?? 0) * 1000);
        await writeConversions();
        await timedSweep(`${label}, warm`);
      }
      await worker.app.close();
      await worker.queues.close();
      worker = undefined;
      // A backend sends its block counts at most once a second while busy, the rest when idle for 10 s or when it
      // exits: read after the worker's connections have closed, or the last second of each lane is missing.
      await sleep(1000);
      const after = await blocks();
      console.log(
        `${label}: ${Number(after.read) - Number(before.read)} blocks read, ${Number(after.hit) - Number(before.hit)} hit` +
          ` (${process.env.BENCH_WARM ? 'both sweeps, and writing the second batch of conversions' : 'the sweep'})`,
      );
      if (statioBefore) console.log(statioDiff(statioBefore, await statio()));
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(DISTS.map((dist, i) => `${dist}: median ${fmt(median(results[i]), 3)} s`).join('; '));
  if (DISTS.length === 2)
    console.log(`ratio second / first (per round): ${results[1].map((s, i) => fmt(s / results[0][i], 2)).join(', ')}`);
} finally {
  await worker?.app.close();
  await worker?.queues.close();
  await pool.end();
}
