// bench/rollup: BENCH_CONVERSIONS (5,000,000) conversions over BENCH_RELATIONSHIPS (20,000) relationships in
// 4 brands / time zones over 2025, with reversals, costs (retainers, commissions, product, other), deliverables
// and metric snapshots, all by generate_series. Then (1) the full rollups.reconcile through the built worker's
// RollupsService vs the bare INSERT ... SELECT ... GROUP BY of the same aggregate into an empty copy of the table;
// (2) rollups.sweep after BENCH_NEW (10,000) new conversions. Usage: npm run bench:rollup
// env: BENCH_SCALE (multiplies the three counts; 0.02 for a quick run), BENCH_ROUNDS (2), BENCH_KEEP_DB
import { createRequire } from 'node:module';
import { benchWorkerQueues, dropDatabase, ensureBuilt, fmt, migratedDatabase } from './lib.mjs';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const CONVERSIONS = Math.round(Number(process.env.BENCH_CONVERSIONS ?? 5_000_000) * SCALE);
const RELATIONSHIPS = Math.round(Number(process.env.BENCH_RELATIONSHIPS ?? 20_000) * SCALE);
const NEW = Math.round(Number(process.env.BENCH_NEW ?? 10_000) * SCALE);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
// Brand 1 holds half the relationships (the "brand with 10,000 relationships" of the report timing), the others share the rest.
const ZONES = ['Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'America/Los_Angeles'];
const DB = process.env.BENCH_DB ?? 'acrm_bench_rollup';
const PREFIX = `{acrm-bench-rollup-${process.pid}}`;
const require = createRequire(import.meta.url);

ensureBuilt();
const { databaseUrl, pool } = await migratedDatabase(DB);
const seconds = (since) => (performance.now() - since) / 1000;
let app;
let queues;
let failed = false;

try {
  let started = performance.now();
  await seed();
  const counts = (
    await pool.query(`SELECT (SELECT count(*) FROM conversions) AS conversions, (SELECT count(*) FROM conversion_reversals) AS reversals,
    (SELECT count(*) FROM cost_entries) AS costs, (SELECT count(*) FROM deliverables) AS deliverables, (SELECT count(*) FROM metric_snapshots) AS snapshots`)
  ).rows[0];
  console.log(
    `seeded ${RELATIONSHIPS} relationships (${ZONES.join(', ')}), ${Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')} in ${fmt(seconds(started))} s`,
  );

  queues = await benchWorkerQueues(databaseUrl, PREFIX);
  const { createWorkerApp } = require('../dist/apps/worker/src/worker.setup.js');
  const { RollupsService, freshStats, STAT_COLUMNS, FULL_RECOMPUTE_WORK_MEM } = require('../dist/libs/rollups/src/index.js');
  app = await createWorkerApp(queues.env);
  const rollups = app.get(RollupsService);

  started = performance.now();
  const first = await rollups.reconcile();
  const rows = Number((await pool.query('SELECT count(*) FROM relationship_daily_stats')).rows[0].count);
  console.log(
    `(0) first reconcile on the empty table: ${fmt(seconds(started), 2)} s, ${first.inserted} rows inserted (${rows} in the table)`,
  );
  // That rebuild inserted the rows in its hash aggregate's order; sweeps that write days as they pass keep a day's
  // rows together, and the sweep of (2) reads the rows of one week: rewritten day by day, as such a table is.
  started = performance.now();
  await pool.query('CLUSTER relationship_daily_stats USING ix_relationship_daily_stats_workspace_day');
  await pool.query('ANALYZE relationship_daily_stats');
  console.log(`    daily rows rewritten in day order: ${fmt(seconds(started), 2)} s`);

  // (1) The same aggregate (freshStats('all'), what the reconcile computes) written into an empty copy, same work_mem.
  const columns = STAT_COLUMNS.join(', ');
  await pool.query('CREATE TABLE bench_stats_copy (LIKE relationship_daily_stats INCLUDING ALL)');
  const bare = `INSERT INTO bench_stats_copy (workspace_id, relationship_id, day, ${columns})
    SELECT r.workspace_id, f.* FROM (${freshStats('all')}) f JOIN relationships r ON r.id = f.relationship_id`;
  const runs = [];
  for (let round = 1; round <= ROUNDS; round++) {
    await pool.query('TRUNCATE bench_stats_copy');
    const client = await pool.connect();
    try {
      await client.query(`BEGIN; SET LOCAL work_mem = '${FULL_RECOMPUTE_WORK_MEM}'`);
      started = performance.now();
      const inserted = (await client.query(bare)).rowCount;
      await client.query('COMMIT');
      const bareSeconds = seconds(started);
      started = performance.now();
      const steady = await rollups.reconcile();
      const reconcileSeconds = seconds(started);
      runs.push({ bareSeconds, reconcileSeconds });
      console.log(
        `(1.${round}) bare INSERT ... SELECT ... GROUP BY: ${fmt(bareSeconds, 2)} s (${inserted} rows); reconcile: ${fmt(reconcileSeconds, 2)} s, ${steady.differed} rows differed;` +
          ` ratio ${fmt(reconcileSeconds / bareSeconds, 2)} (target <= 1.5)`,
      );
      if (steady.differed !== 0) throw new Error('a reconcile right after a reconcile must find nothing to fix');
    } finally {
      client.release();
    }
  }
  // BENCH_ROUNDS=0 (a seed for bench/rollup-sweep) leaves the copy empty: nothing to compare.
  if (ROUNDS > 0) {
    const mismatched = (
      await pool.query(`SELECT count(*) FROM ((SELECT relationship_id, day, ${columns} FROM relationship_daily_stats EXCEPT SELECT relationship_id, day, ${columns} FROM bench_stats_copy)
      UNION ALL (SELECT relationship_id, day, ${columns} FROM bench_stats_copy EXCEPT SELECT relationship_id, day, ${columns} FROM relationship_daily_stats)) d`)
    ).rows[0].count;
    console.log(`    table vs bare recompute: ${mismatched} rows differ (must be 0)`);
    if (Number(mismatched) !== 0) throw new Error('the reconciled table differs from a fresh full recompute');
  }

  // (2) NEW conversions as ingest writes them (rows and marks in one transaction), over the last week of the year.
  started = performance.now();
  await pool.query(`BEGIN;
    ${conversionRows(CONVERSIONS + 1, CONVERSIONS + NEW, `timestamptz '2025-12-25 00:00Z' + ((g * 2654435761) % 604800) * interval '1 second'`)};
    INSERT INTO rollup_dirty_days (relationship_id, day)
      SELECT DISTINCT c.relationship_id, (c.occurred_at AT TIME ZONE b.timezone)::date FROM conversions c JOIN bench_rel r ON r.id = c.relationship_id JOIN brands b ON b.id = r.brand_id
      WHERE c.external_id LIKE 'new-%';
    COMMIT`);
  const marks = (await pool.query('SELECT count(*) AS marks, count(DISTINCT relationship_id) AS relationships FROM rollup_dirty_days'))
    .rows[0];
  console.log(
    `(2) ${NEW} new conversions and ${marks.marks} marks over ${marks.relationships} relationships written in ${fmt(seconds(started), 2)} s`,
  );
  started = performance.now();
  const swept = await rollups.sweep();
  const sweepSeconds = seconds(started);
  console.log(
    `    rollups.sweep: ${fmt(sweepSeconds, 3)} s (target < 1 s) for ${swept.relationships} relationships, ${swept.days} days, ${swept.written} rows written`,
  );
  const last = CONVERSIONS + NEW + 1;
  const one = (await pool.query(`SELECT id FROM bench_rel WHERE k = $1`, [last % RELATIONSHIPS])).rows[0].id;
  await pool.query(conversionRows(last, last, `timestamptz '2025-12-31 12:00Z'`));
  await pool.query(`INSERT INTO rollup_dirty_days (relationship_id, day) VALUES ($1, '2025-12-31')`, [one]);
  started = performance.now();
  await rollups.recompute([one]);
  console.log(`    one rollups.relationship job (1 relationship, 1 day): ${fmt(seconds(started) * 1000, 1)} ms`);
  const after = await rollups.reconcile();
  console.log(`    reconcile after the incremental rollups: ${after.differed} rows differed (must be 0)`);
  if (after.differed !== 0) throw new Error('incremental and full recomputes disagree');

  // (3) Quarterly report of a brand with 10,000 relationships: the lead adds the reports service's timing here
  // (brand 1, Europe/Paris, holds RELATIONSHIPS / 2 relationships; data covers 2025, e.g. 2025-Q4).

  const bareBest = Math.min(...runs.map((r) => r.bareSeconds));
  const reconcileBest = Math.min(...runs.map((r) => r.reconcileSeconds));
  console.log(
    (ROUNDS > 0
      ? `summary (best of ${ROUNDS} each): reconcile ${fmt(reconcileBest, 2)} s vs bare ${fmt(bareBest, 2)} s = ${fmt(reconcileBest / bareBest, 2)}x;`
      : 'summary (no reconcile rounds):') + ` sweep after ${NEW} new conversions ${fmt(sweepSeconds, 3)} s`,
  );
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await app?.close();
  await queues?.close();
  await pool.end();
  // BENCH_KEEP_DB=1 keeps it for EXPLAIN.
  if (!process.env.BENCH_KEEP_DB) await dropDatabase(DB);
}
process.exit(failed ? 1 : 0);

/** INSERT of conversions number g in [from, to]: relationship g % RELATIONSHIPS, 10.00–99.99 EUR, 10 % commission. */
function conversionRows(from, to, occurredAt) {
  return `INSERT INTO conversions (workspace_id, relationship_id, contract_id, source, external_id, occurred_at, attributed_by, currency, gross_amount, net_amount, commission_rate, commission_amount, status)
    SELECT r.workspace_id, r.id, r.contract_id, 'api', CASE WHEN g > ${CONVERSIONS} THEN 'new-' ELSE 'c-' END || g, ${occurredAt}, 'relationship', 'EUR', a.net, a.net, 10, a.net / 10, 'approved'
    FROM generate_series(${from}::bigint, ${to}::bigint) g JOIN bench_rel r ON r.k = g % ${RELATIONSHIPS}
    CROSS JOIN LATERAL (SELECT (1000 + (g * 7919) % 9000) / 100.0 AS net) a
    ORDER BY 6`;
}

/**
 * 1 workspace, 4 brands, one influencer, relationship and active 2025 contract per relationship number k; conversions
 * spread over 2025 (day and time from a multiplicative hash of g); 2 % refunded by half within 30 days; costs: a
 * commission entry per conversion of every second relationship (30 days later), a daily retainer for every tenth,
 * a product cost each and an `other` correction for every tenth; 12 deliverables each (70 % published within
 * ±2 days of due, 10 % missed, 5 % cancelled) and 2 snapshots per published deliverable.
 */
async function seed() {
  // One connection in replica mode: no foreign-key checks nor ledger triggers (the conversion keys' claims) per
  // row. The rows are consistent by construction, the rollup reads neither, and the checks took most of a seed
  // that ran past 45 minutes under load. Step 2's new conversions go through all of them.
  const client = await pool.connect();
  await client.query(`SET session_replication_role = replica`);
  const step = async (sql) => client.query(sql);
  try {
    await seedRows(step);
  } finally {
    await client.query('RESET session_replication_role');
    client.release();
  }
  await pool.query('VACUUM ANALYZE');
}

async function seedRows(step) {
  // A live database has each month's partitions of the ledgers (the ledger.partitions job creates them ahead and
  // moves rows out of DEFAULT), so a sweep of recent days probes the indexes of one month, not of the whole year.
  await step(`SELECT ledger_partition_create(t, m::date) FROM unnest(ARRAY['conversions', 'cost_entries', 'relationship_daily_stats']) t,
    generate_series(date '2025-01-01', date '2026-01-01', interval '1 month') m`);
  await step(`WITH w AS (INSERT INTO workspaces (name) VALUES ('Bench') RETURNING id)
    INSERT INTO brands (workspace_id, name, currency, timezone) SELECT w.id, 'Brand ' || z.ord, 'EUR', z.tz FROM w, unnest(ARRAY['${ZONES.join("','")}']) WITH ORDINALITY z(tz, ord)`);
  await step(
    `INSERT INTO influencers (workspace_id, name) SELECT w.id, 'Creator ' || g FROM workspaces w, generate_series(0, ${RELATIONSHIPS - 1}) g`,
  );
  await step(`CREATE UNLOGGED TABLE bench_rel AS
    SELECT k, gen_random_uuid() AS id, w.id AS workspace_id, b.id AS brand_id, i.id AS influencer_id, gen_random_uuid() AS contract_id
    FROM generate_series(0, ${RELATIONSHIPS - 1}) k CROSS JOIN workspaces w
    JOIN brands b ON b.name = 'Brand ' || CASE WHEN k % 2 = 0 THEN 1 ELSE 2 + (k / 2) % 3 END
    JOIN influencers i ON i.name = 'Creator ' || k;
    CREATE UNIQUE INDEX ON bench_rel (k); CREATE UNIQUE INDEX ON bench_rel (id)`);
  await step(
    `INSERT INTO relationships (id, workspace_id, brand_id, influencer_id, status) SELECT id, workspace_id, brand_id, influencer_id, 'active' FROM bench_rel`,
  );
  await step(`INSERT INTO contracts (id, workspace_id, relationship_id, status, start_date, end_date, currency, retainer_monthly, fee_per_deliverable, commission_rate, activated_at)
    SELECT contract_id, workspace_id, id, 'active', '2025-01-01', '2025-12-31', 'EUR', 1000, 150, 10, '2025-01-01' FROM bench_rel`);
  const chunk = 1_000_000;
  for (let from = 1; from <= CONVERSIONS; from += chunk) {
    await step(
      conversionRows(
        from,
        Math.min(CONVERSIONS, from + chunk - 1),
        `timestamptz '2025-01-01 00:00Z' + ((g * 2654435761) % 31536000) * interval '1 second'`,
      ),
    );
  }
  await step(`INSERT INTO conversion_reversals (workspace_id, conversion_id, relationship_id, amount, reason, occurred_at)
    SELECT workspace_id, id, relationship_id, round(net_amount / 2, 2), 'bench refund', occurred_at + (abs(hashtext(external_id)) % 2592000) * interval '1 second'
    FROM conversions WHERE abs(hashtext(external_id)) % 50 = 0`);
  await step(`INSERT INTO cost_entries (workspace_id, relationship_id, contract_id, kind, amount, currency, incurred_on, source_id)
    SELECT c.workspace_id, c.relationship_id, c.contract_id, 'commission', c.commission_amount, 'EUR', (c.occurred_at AT TIME ZONE b.timezone)::date + 30, c.id
    FROM conversions c JOIN bench_rel r ON r.id = c.relationship_id JOIN brands b ON b.id = r.brand_id WHERE r.k % 2 = 0`);
  await step(`INSERT INTO cost_entries (workspace_id, relationship_id, contract_id, kind, amount, currency, incurred_on)
    SELECT workspace_id, id, contract_id, 'retainer', 32.8767, 'EUR', d::date FROM bench_rel, generate_series(date '2025-01-01', date '2025-12-31', interval '1 day') d WHERE k % 10 = 0
    UNION ALL SELECT workspace_id, id, contract_id, 'product', 49.90, 'EUR', date '2025-01-01' + k % 365 FROM bench_rel
    UNION ALL SELECT workspace_id, id, contract_id, 'other', -12.50, 'EUR', date '2025-01-01' + (k * 7) % 365 FROM bench_rel WHERE k % 10 = 5
    ORDER BY 7`);
  await step(`INSERT INTO deliverables (workspace_id, contract_id, relationship_id, type, platform, due_date, status, published_at, followers_at_publish, fee)
    SELECT r.workspace_id, r.contract_id, r.id, 'reel', 'instagram', due, s.status,
      CASE WHEN s.status = 'published' THEN ((due + (h % 5) - 2) + time '18:00') AT TIME ZONE b.timezone END,
      CASE WHEN s.status = 'published' THEN 5000 + h % 100000 END, 150
    FROM bench_rel r JOIN brands b ON b.id = r.brand_id CROSS JOIN generate_series(0, 11) m
    CROSS JOIN LATERAL (SELECT date '2025-01-15' + m * 30 AS due, abs(hashtext(r.k || '-' || m)) AS h) d
    CROSS JOIN LATERAL (SELECT CASE WHEN h % 20 < 14 THEN 'published' WHEN h % 20 < 16 THEN 'missed' WHEN h % 20 < 17 THEN 'cancelled' ELSE 'planned' END AS status) s
    ORDER BY due`);
  await step(`INSERT INTO metric_snapshots (workspace_id, deliverable_id, impressions, reach, views, likes, comments, shares, saves, clicks, captured_at)
    SELECT d.workspace_id, d.id, f * 10 * n, f * 6 * n, f * 3 * n, f / 20 * n, f / 200 * n, f / 500 * n, f / 300 * n, f / 100 * n, d.published_at + n * interval '3 days'
    FROM deliverables d CROSS JOIN generate_series(1, 2) n CROSS JOIN LATERAL (SELECT d.followers_at_publish / 10 AS f) x WHERE d.status = 'published'`);
}
