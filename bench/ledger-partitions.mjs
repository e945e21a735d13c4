// bench/ledger-partitions: the partitioned ledger (PartitionedLedger migration) against the same database with
// that migration run down (one table each, as before), in the same run. Both get the same seed by generate_series:
// BENCH_RELATIONSHIPS (10,000) relationships of one brand, BENCH_CONVERSIONS (10 M) conversions spread evenly over
// 2025-01-01..2026-12-31 (UTC), and relationship_daily_stats for each relationship on BENCH_DENSITY (0.5) of the
// days of 2025-07-01..2026-09-30. Then, alternating between the two for BENCH_ROUNDS (3) rounds:
// - ingest: BENCH_BATCHES (10) batches of 5,000 new conversions through the app's ConversionWriter (its INSERT with
//   the conversion.created events, one transaction per batch), then the same batches again (all duplicates);
// - the quarterly report (2026-Q2) of the brand: QuarterlyReportsService.build();
// - the quarter's conversions summed per relationship straight from the ledger (what a reconcile reads);
// - 1,000 conversions read by id alone (GET /v1/conversions/:id): the price of partitioning, every month probed.
// Prints each figure for both and the ratio partitioned / unpartitioned (< 1: partitioned is faster).
// Usage: npm run bench:ledger-partitions; env: BENCH_CONVERSIONS, BENCH_RELATIONSHIPS, BENCH_DENSITY, BENCH_BATCHES,
// BENCH_ROUNDS, BENCH_KEEP_DB=1.
import { createRequire } from 'node:module';
import { dropDatabase, ensureBuilt, fmt, migratedDatabase, percentile } from './lib.mjs';

const CONVERSIONS = Number(process.env.BENCH_CONVERSIONS ?? 10_000_000);
const RELATIONSHIPS = Number(process.env.BENCH_RELATIONSHIPS ?? 10_000);
const DENSITY = Number(process.env.BENCH_DENSITY ?? 0.5);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BATCH = 5_000;
const SEED_CHUNK = 1_000_000;
const QUARTER = { name: '2026-Q2', from: '2026-04-01', to: '2026-07-01' };
const require = createRequire(import.meta.url);

ensureBuilt();
const { DataSource } = require('typeorm');
const { dataSourceOptions, migrations } = require('../dist/libs/database/src/index.js');
const { FixedClock } = require('../dist/libs/common/src/index.js');
const { QuarterlyReportsService } = require('../dist/libs/reports/src/index.js');
const { ConversionWriter } = require('../dist/libs/attribution/src/services/conversion-writer.js');

const variants = [];
try {
  for (const partitioned of [true, false]) variants.push(await prepare(partitioned));
  const figures = variants.map(() => ({ ingest: [], repost: [], report: [], quarter: [], byId: [] }));
  for (let round = 0; round < ROUNDS; round++)
    for (const [i, variant] of variants.entries()) {
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
    ['1,000 reads by id alone, ms', (f) => p50(f.byId), 0],
  ];
  console.log(
    `\nmedians of ${ROUNDS} rounds, ${CONVERSIONS.toLocaleString('en')} conversions, ${RELATIONSHIPS.toLocaleString('en')} relationships`,
  );
  console.log('| figure | partitioned | unpartitioned | partitioned / unpartitioned |\n| --- | --- | --- | --- |');
  for (const [label, value, digits] of rows) {
    const [a, b] = figures.map(value);
    console.log(`| ${label} | ${fmt(a, digits)} | ${fmt(b, digits)} | ${fmt(a / b, 2)} |`);
  }
  console.log(
    'rounds (ms):',
    JSON.stringify(figures.map((f) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.map((t) => Math.round(t))])))),
  );
} finally {
  for (const variant of variants) {
    await variant.dataSource.destroy();
    await variant.pool.end();
    if (!process.env.BENCH_KEEP_DB) await dropDatabase(variant.name);
  }
}

async function timed(work) {
  const t = performance.now();
  await work();
  return performance.now() - t;
}

/** A migrated database, flattened by the PartitionedLedger down migration when `partitioned` is false, then seeded. */
async function prepare(partitioned) {
  const name = partitioned ? 'acrm_bench_ledger_partitioned' : 'acrm_bench_ledger_unpartitioned';
  const label = partitioned ? 'partitioned' : 'unpartitioned';
  const { databaseUrl, pool } = await migratedDatabase(name, 2);
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
  if (!partitioned) {
    const runner = dataSource.createQueryRunner();
    await new (migrations.find((m) => m.name === 'PartitionedLedger1795649000000'))().down(runner);
    await runner.release();
  }
  const started = performance.now();
  const seeded = await seed(pool, partitioned);
  console.log(`${label}: seeded ${seeded.counts} in ${fmt((performance.now() - started) / 1000)} s (${seeded.detail})`);
  const replica = { read: (work) => work(dataSource) };
  const reports = new QuarterlyReportsService(dataSource, new FixedClock(new Date('2026-07-15T10:00:00Z')), replica);
  return { name, label, pool, dataSource, reports, writer: new ConversionWriter(), ...seeded };
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
  const relationshipIds = (await pool.query('SELECT id FROM relationships ORDER BY id')).rows.map((r) => r.id);
  const times = {};
  let t = performance.now();
  // Every month of the seed has its partition before the rows arrive (the migration made this month and 3 ahead).
  if (partitioned)
    await pool.query(
      `SELECT ledger_partition_create(t, m::date) FROM unnest(ARRAY['conversions','cost_entries','relationship_daily_stats']) t,
         generate_series(date '2025-01-01', date '2026-12-01', interval '1 month') m`,
    );
  // The claims are written in one statement after the rows, as the migration does, not row by row by the trigger.
  const client = await pool.connect();
  try {
    if (partitioned) await client.query(`SET acrm.ledger_moving = 'on'`);
    for (let lo = 0; lo < CONVERSIONS; lo += SEED_CHUNK)
      await client.query(
        `INSERT INTO conversions (workspace_id, relationship_id, source, external_id, occurred_at, attributed_by, currency,
           gross_amount, discount_amount, net_amount, commission_amount, status)
         SELECT $1, (SELECT array_agg(id ORDER BY id) FROM relationships)[1 + g % $4], 'api', 'seed-' || g,
           timestamptz '2025-01-01 00:00:00+00' + (g::float8 / $5) * interval '730 days', 'relationship', 'EUR', 100, 10, 90, 9, 'approved'
         FROM generate_series($2::bigint, $3::bigint) g`,
        [workspaceId, lo, Math.min(lo + SEED_CHUNK, CONVERSIONS) - 1, RELATIONSHIPS, CONVERSIONS],
      );
    if (partitioned) await client.query(`RESET acrm.ledger_moving`);
  } finally {
    client.release();
  }
  if (partitioned)
    await pool.query(`INSERT INTO conversion_keys SELECT workspace_id, source, external_id, id, occurred_at FROM conversions`);
  times.conversions = performance.now() - t;
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
  const counts = await one(
    `SELECT (SELECT count(*) FROM conversions) AS conversions, (SELECT count(*) FROM relationship_daily_stats) AS daily,
       (SELECT count(*) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'conversions') AS partitions`,
  );
  const sampleIds = (await pool.query(`SELECT id FROM conversions TABLESAMPLE SYSTEM (0.1) LIMIT 1000`)).rows.map((r) => r.id);
  return {
    workspaceId,
    brandId,
    relationshipIds,
    sampleIds,
    counts: `${Number(counts.conversions).toLocaleString('en')} conversions (${counts.partitions} partitions), ${Number(counts.daily).toLocaleString('en')} daily rows`,
    detail: `conversions ${fmt(times.conversions / 1000)} s, daily stats ${fmt(times.daily / 1000)} s, vacuum analyze ${fmt(times.vacuum / 1000)} s`,
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
        input: { source: 'api', externalId: `bench-${n}`, occurredAt: new Date(monthStart + (n % 86_400) * 1000).toISOString() },
        key: `api\u0000bench-${n}`,
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

async function readByIds({ pool, sampleIds }) {
  for (const id of sampleIds) await pool.query('SELECT * FROM conversions WHERE id = $1', [id]);
}
