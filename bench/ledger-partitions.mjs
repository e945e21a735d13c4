// bench/ledger-partitions: the partitioned ledger (PartitionedLedger migration) against the same database with
// that migration run down (one table each, as before), in the same run. Both get the same seed by generate_series:
// BENCH_RELATIONSHIPS (10,000) relationships of one brand, BENCH_CONVERSIONS (10 M) conversions spread evenly over
// 2025-01-01..2026-12-31 (UTC), and relationship_daily_stats for each relationship on BENCH_DENSITY (0.5) of the
// days of 2025-07-01..2026-09-30. Then, alternating between the two for BENCH_ROUNDS (3) rounds:
// - ingest: BENCH_BATCHES (10) batches of 5,000 new conversions through the app's ConversionWriter (its INSERT with
//   the conversion.created events, one transaction per batch), then the same batches again (all duplicates);
// - the quarterly report (2026-Q2) of the brand: QuarterlyReportsService.build();
// - the quarter's conversions summed per relationship straight from the ledger (what a reconcile reads);
// - 1,000 conversions read by id (ConversionsService.get, GET /v1/conversions/:id): partitioned through the key's
//   claim, which gives the month; unpartitioned by id alone, as before the partitioning.
// The unpartitioned database is the partitioned one with ConversionClaimInInsert and PartitionedLedger run down, and
// its writer the statement of that ledger (conversionInsertSql(false): ON CONFLICT on the unique index).
// The seed drops the seeded tables' keys and indexes, writes the rows by generate_series (claims in the same statement,
// triggers off) and builds them again (CREATE INDEX, ADD CONSTRAINT: foreign keys validated once, set-based).
// Prints each figure for both and the ratio partitioned / unpartitioned (< 1: partitioned is faster).
// Usage: npm run bench:ledger-partitions; env: BENCH_CONVERSIONS, BENCH_RELATIONSHIPS, BENCH_DENSITY, BENCH_BATCHES,
// BENCH_ROUNDS, BENCH_KEEP_DB=1 (keep both), BENCH_REUSE_DB=1 (measure, and keep, the databases a BENCH_KEEP_DB run seeded).
import { createRequire } from 'node:module';
import { execSync } from 'node:child_process';
import { dropDatabase, ensureBuilt, fmt, keptDatabase, migratedDatabase, percentile } from './lib.mjs';

const CONVERSIONS = Number(process.env.BENCH_CONVERSIONS ?? 10_000_000);
const RELATIONSHIPS = Number(process.env.BENCH_RELATIONSHIPS ?? 10_000);
const DENSITY = Number(process.env.BENCH_DENSITY ?? 0.5);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BATCH = 5_000;
const SEED_CHUNK = 1_000_000;
// New orders' ids are unique per run, so a run on kept databases (BENCH_REUSE_DB) inserts them too.
const RUN = Date.now().toString(36);
const QUARTER = { name: '2026-Q2', from: '2026-04-01', to: '2026-07-01' };
const require = createRequire(import.meta.url);

ensureBuilt();
const { DataSource } = require('typeorm');
const { dataSourceOptions, migrations } = require('../dist/libs/database/src/index.js');
const { FixedClock, RequestContext, Role } = require('../dist/libs/common/src/index.js');
const { Conversion, ConversionsService } = require('../dist/libs/attribution/src/index.js');
const { QuarterlyReportsService } = require('../dist/libs/reports/src/index.js');
const { ConversionWriter, conversionInsertSql } = require('../dist/libs/attribution/src/services/conversion-writer.js');

const load = () =>
  execSync('uptime')
    .toString()
    .trim()
    .replace(/.*load average: /, '');
const variants = [];
try {
  console.log(`load average before seeding: ${load()}`);
  // Seeded side by side: the seed is not measured, and 10 M rows each take a while.
  variants.push(...(await Promise.all([prepare(true), prepare(false)])));
  console.log(`load average before measuring: ${load()}`);
  const figures = variants.map(() => ({ ingest: [], repost: [], report: [], quarter: [], byId: [] }));
  // Unmeasured: a batch each, so neither pays the first statements of the process (metadata, plans) in round 1.
  for (const variant of variants) await ingest(variant, newBatches(variant, ROUNDS).slice(0, 1));
  // Each round in the other order: neither always runs first after the other's writes.
  for (let round = 0; round < ROUNDS; round++)
    for (const i of round % 2 ? [1, 0] : [0, 1]) {
      const variant = variants[i];
      const f = figures[i];
      const batches = newBatches(variant, round);
      f.ingest.push(await timed(() => ingest(variant, batches)));
      f.repost.push(await timed(() => ingest(variant, batches, 0)));
      f.report.push(await timed(() => variant.reports.build(variant.workspaceId, variant.brandId, QUARTER.name)));
      f.quarter.push(await timed(() => quarterFromLedger(variant)));
      f.byId.push(await timed(() => readByIds(variant)));
    }
  const p50 = (times) =>
    percentile(
      [...times].sort((a, b) => a - b),
      50,
    );
  const rows = [
    ['ingest, new conversions/s', (f) => (BATCHES * BATCH) / (p50(f.ingest) / 1000), 0],
    ['re-post (all duplicates), conversions/s', (f) => (BATCHES * BATCH) / (p50(f.repost) / 1000), 0],
    [`quarterly report ${QUARTER.name} build(), ms`, (f) => p50(f.report), 0],
    ['quarter summed from the ledger, ms', (f) => p50(f.quarter), 0],
    ['1,000 reads by id (partitioned: through the claim), ms', (f) => p50(f.byId), 0],
  ];
  console.log(
    `\nmedians of ${ROUNDS} rounds, ${CONVERSIONS.toLocaleString('en')} conversions, ${RELATIONSHIPS.toLocaleString('en')} relationships`,
  );
  console.log('| figure | partitioned | unpartitioned | partitioned / unpartitioned |\n| --- | --- | --- | --- |');
  for (const [label, value, digits] of rows) {
    const [a, b] = figures.map(value);
    console.log(`| ${label} | ${fmt(a, digits)} | ${fmt(b, digits)} | ${fmt(a / b, 2)} |`);
  }
  console.log(`load average after: ${load()}`);
  console.log(
    'rounds (ms):',
    JSON.stringify(figures.map((f) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.map((t) => Math.round(t))])))),
  );
} finally {
  for (const variant of variants) {
    await variant.dataSource.destroy();
    await variant.pool.end();
    if (!process.env.BENCH_KEEP_DB && !process.env.BENCH_REUSE_DB) await dropDatabase(variant.name);
  }
}

async function timed(work) {
  const t = performance.now();
  await work();
  return performance.now() - t;
}

/**
 * A migrated database, flattened by the ConversionClaimInInsert and PartitionedLedger down migrations when
 * `partitioned` is false, then seeded; with BENCH_REUSE_DB, the one a BENCH_KEEP_DB run left.
 */
async function prepare(partitioned) {
  const name = partitioned ? 'acrm_bench_ledger_partitioned' : 'acrm_bench_ledger_unpartitioned';
  const label = partitioned ? 'partitioned' : 'unpartitioned';
  const reuse = Boolean(process.env.BENCH_REUSE_DB);
  const { databaseUrl, pool } = reuse ? keptDatabase(name, 2) : await migratedDatabase(name, 2);
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl, undefined, [Conversion])).initialize();
  if (!partitioned && !reuse) {
    const runner = dataSource.createQueryRunner();
    for (const down of ['ConversionClaimInInsert1795655000000', 'PartitionedLedger1795649000000'])
      await new (migrations.find((m) => m.name === down))().down(runner);
    await runner.release();
  }
  const started = performance.now();
  const seeded = reuse ? await seededBefore(pool) : await seed(pool, partitioned);
  console.log(
    `${label}: ${reuse ? 'kept' : 'seeded'} ${seeded.counts} in ${fmt((performance.now() - started) / 1000)} s (${seeded.detail})`,
  );
  const replica = { read: (work) => work(dataSource) };
  const reports = new QuarterlyReportsService(dataSource, new FixedClock(new Date('2026-07-15T10:00:00Z')), replica);
  const writer = new ConversionWriter();
  if (!partitioned) writer.insertSql = conversionInsertSql(false);
  const conversions = new ConversionsService(dataSource, null);
  const actor = { workspaceId: seeded.workspaceId, role: Role.Owner };
  // Partitioned: the app's read (the claim, then the row in its month); unpartitioned: by id alone, as it was.
  const readById = (id) => RequestContext.run(() => (partitioned ? conversions.get(id) : conversions.conversions.get(id)), actor);
  return { name, label, pool, dataSource, reports, writer, readById, ...seeded };
}

async function seed(pool, partitioned) {
  const one = async (text, params = []) => (await pool.query(text, params)).rows[0];
  const { id: workspaceId } = await one(`INSERT INTO workspaces (name) VALUES ('Bench') RETURNING id`);
  const { id: brandId } = await one(
    `INSERT INTO brands (workspace_id, name, currency, timezone) VALUES ($1, 'Bench brand', 'EUR', 'Europe/Paris') RETURNING id`,
    [workspaceId],
  );
  await pool.query(
    `WITH i AS (INSERT INTO influencers (workspace_id, name) SELECT $1, 'Creator ' || g FROM generate_series(1, $3::int) g RETURNING id)
     INSERT INTO relationships (workspace_id, brand_id, influencer_id, status) SELECT $1, $2, i.id, 'active' FROM i`,
    [workspaceId, brandId, RELATIONSHIPS],
  );
  const times = {};
  let t = performance.now();
  // Every month of the seed has its partition before the rows arrive (the migration made this month and 3 ahead).
  if (partitioned)
    await pool.query(
      `SELECT ledger_partition_create(t, m::date) FROM unnest(ARRAY['conversions','cost_entries','relationship_daily_stats']) t,
         generate_series(date '2025-01-01', date '2026-12-01', interval '1 month') m`,
    );
  const client = await pool.connect();
  try {
    const rebuild = await withoutKeys(client, partitioned ? ['conversions', 'conversion_keys'] : ['conversions']);
    // Triggers off (the claim check, foreign keys: their constraints are rebuilt and validated below); the claims
    // are written by the same statement, as the writer does.
    await client.query(`SET session_replication_role = replica`);
    const rows = `SELECT gen_random_uuid() AS id, $1::uuid AS workspace_id, (SELECT array_agg(id ORDER BY id) FROM relationships)[1 + g % $4] AS relationship_id,
        'api' AS source, 'seed-' || g AS external_id, timestamptz '2025-01-01 00:00:00+00' + (g::float8 / $5) * interval '730 days' AS occurred_at
      FROM generate_series($2::bigint, $3::bigint) g`;
    const insert = `INSERT INTO conversions (id, workspace_id, relationship_id, source, external_id, occurred_at, attributed_by, currency,
        gross_amount, discount_amount, net_amount, commission_amount, status)
      SELECT id, workspace_id, relationship_id, source, external_id, occurred_at, 'relationship', 'EUR', 100, 10, 90, 9, 'approved' FROM rows`;
    for (let lo = 0; lo < CONVERSIONS; lo += SEED_CHUNK)
      await client.query(
        partitioned
          ? `WITH rows AS (${rows}), claims AS (INSERT INTO conversion_keys SELECT workspace_id, source, external_id, id, occurred_at FROM rows) ${insert}`
          : `WITH rows AS (${rows}) ${insert}`,
        [workspaceId, lo, Math.min(lo + SEED_CHUNK, CONVERSIONS) - 1, RELATIONSHIPS, CONVERSIONS],
      );
    await client.query(`RESET session_replication_role`);
    times.conversions = performance.now() - t;
    t = performance.now();
    await rebuild();
    times.keys = performance.now() - t;
  } finally {
    client.release();
  }
  t = performance.now();
  await pool.query(
    `INSERT INTO relationship_daily_stats (workspace_id, relationship_id, day, conversions, revenue, commission, spend_retainer, impressions, clicks)
     SELECT $1, r.id, d::date, 2, 180, 18, 32.8767, 5000, 45
     FROM relationships r CROSS JOIN generate_series(date '2025-07-01', date '2026-09-30', interval '1 day') d WHERE random() < $2`,
    [workspaceId, DENSITY],
  );
  times.daily = performance.now() - t;
  t = performance.now();
  await pool.query('VACUUM ANALYZE');
  times.vacuum = performance.now() - t;
  const seeded = await seededBefore(pool);
  seeded.detail = `conversions ${fmt(times.conversions / 1000)} s, their keys and indexes ${fmt(times.keys / 1000)} s, daily stats ${fmt(times.daily / 1000)} s, vacuum analyze ${fmt(times.vacuum / 1000)} s`;
  return seeded;
}

/**
 * Drops the primary, unique and foreign keys of `tables` (and those pointing at them) and their other indexes;
 * returns what builds them again, as they were (definitions read from the catalogue): a bulk load then sorts each
 * index once instead of inserting into it row by row.
 */
async function withoutKeys(client, tables) {
  const { rows: constraints } = await client.query(
    `SELECT DISTINCT c.oid, c.conrelid::regclass::text AS tbl, quote_ident(c.conname) AS name, c.contype, pg_get_constraintdef(c.oid) AS def
     FROM pg_constraint c WHERE c.conparentid = 0 AND c.contype IN ('p', 'u', 'f')
       AND (c.conrelid = ANY($1::regclass[]) OR c.confrelid = ANY($1::regclass[]))`,
    [tables],
  );
  const { rows: indexes } = await client.query(
    `SELECT i.indexrelid::regclass::text AS name, replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON ') AS def
     FROM pg_index i JOIN pg_class r ON r.oid = i.indrelid
     WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [tables],
  );
  const foreign = constraints.filter((c) => c.contype === 'f');
  const keys = constraints.filter((c) => c.contype !== 'f');
  for (const c of [...foreign, ...keys]) await client.query(`ALTER TABLE ${c.tbl} DROP CONSTRAINT ${c.name}`);
  for (const i of indexes) await client.query(`DROP INDEX ${i.name}`);
  return async () => {
    await client.query(`SET maintenance_work_mem = '1GB'`);
    for (const c of keys) await client.query(`ALTER TABLE ${c.tbl} ADD CONSTRAINT ${c.name} ${c.def}`);
    for (const i of indexes) await client.query(i.def);
    for (const c of foreign) await client.query(`ALTER TABLE ${c.tbl} ADD CONSTRAINT ${c.name} ${c.def}`);
    await client.query(`RESET maintenance_work_mem`);
  };
}

/** What the seed made: ids, sample ids to read, counts. */
async function seededBefore(pool) {
  const one = async (text, params = []) => (await pool.query(text, params)).rows[0];
  const { workspaceId, brandId } = await one(
    `SELECT workspace_id AS "workspaceId", id AS "brandId" FROM brands WHERE name = 'Bench brand'`,
  );
  const relationshipIds = (await pool.query('SELECT id FROM relationships ORDER BY id')).rows.map((r) => r.id);
  const counts = await one(
    `SELECT (SELECT count(*) FROM conversions) AS conversions, (SELECT count(*) FROM relationship_daily_stats) AS daily,
       (SELECT count(*) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'conversions') AS partitions`,
  );
  // ~5,000 rows from pages spread over the table (every month), 1,000 of them at random.
  const sampleIds = (
    await pool.query(`SELECT id FROM conversions TABLESAMPLE SYSTEM ($1) ORDER BY random() LIMIT 1000`, [
      Math.min(100, 500_000 / Math.max(1, Number(counts.conversions))),
    ])
  ).rows.map((r) => r.id);
  return {
    workspaceId,
    brandId,
    relationshipIds,
    sampleIds,
    counts: `${Number(counts.conversions).toLocaleString('en')} conversions (${counts.partitions} partitions), ${Number(counts.daily).toLocaleString('en')} daily rows`,
    detail: 'seeded by an earlier run',
  };
}

/** BATCHES batches of new orders dated in the current month (the month ingest writes to), the same for both variants. */
function newBatches({ relationshipIds }, round) {
  const monthStart = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1);
  return Array.from({ length: BATCHES }, (_, b) =>
    Array.from({ length: BATCH }, (_, i) => {
      const n = (round * BATCHES + b) * BATCH + i;
      const relationshipId = relationshipIds[n % relationshipIds.length];
      return {
        index: i,
        input: { source: 'api', externalId: `bench-${RUN}-${n}`, occurredAt: new Date(monthStart + (n % 86_400) * 1000).toISOString() },
        key: `api\u0000bench-${RUN}-${n}`,
        attribution: { relationshipId, trackingCodeId: null, attributedBy: 'relationship' },
        amounts: {
          currency: 'EUR',
          grossAmount: '100.0000',
          discountAmount: '10.0000',
          netAmount: '90.0000',
          originalCurrency: null,
          originalNetAmount: null,
          fxRate: null,
        },
        contractId: null,
        commissionRate: null,
        commissionAmount: '0',
        day: null,
      };
    }),
  );
}

async function ingest(variant, batches, expected = BATCH) {
  for (const rows of batches) {
    const inserted = await variant.dataSource.transaction((manager) => variant.writer.insert(manager, variant.workspaceId, rows));
    if (inserted.size !== expected) throw new Error(`${variant.label}: ${inserted.size} of ${rows.length} inserted, expected ${expected}`);
  }
}

async function quarterFromLedger({ pool, workspaceId }) {
  const { rows } = await pool.query(
    `SELECT relationship_id, count(*), sum(net_amount) FROM conversions
     WHERE workspace_id = $1 AND occurred_at >= $2 AND occurred_at < $3 GROUP BY relationship_id`,
    [workspaceId, `${QUARTER.from} 00:00:00+00`, `${QUARTER.to} 00:00:00+00`],
  );
  if (!rows.length) throw new Error('no conversions in the quarter');
}

async function readByIds({ readById, sampleIds }) {
  for (const id of sampleIds) await readById(id);
}
