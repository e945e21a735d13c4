// bench/reports-quarterly: the quarterly report (2026-Q2) of a brand with BENCH_RELATIONSHIPS (10,000)
// relationships, read from relationship_daily_stats seeded by generate_series from 2025-04-01 to 2026-07-14 with
// a row on BENCH_DENSITY (1: retainers accrue every day of a term, so an active relationship has a row every
// day) of the days of each relationship, plus a second brand of 2,000 relationships in the same workspace (rows
// the report must skip), and snapshots of the four quarters before (so the adjustments are computed, as in
// steady state). Prints EXPLAIN ANALYZE of the main statement, the service's build() (all statements) and
// GET /v1/reports/quarterly through the built API, JSON and CSV. Targets (issue 20): build() within 2x of the main
// statement; the JSON GET within 1.3x of build(), timed by fetch() here and by a client process of its own.
// BENCH_PORT (3919) is the API's port. BENCH_REUSE_DB=1 skips the seed and runs on the database a run with BENCH_KEEP_DB=1 left (migrated to this build).
// Usage: npm run build && node bench/reports-quarterly.mjs; env: BENCH_RELATIONSHIPS, BENCH_DENSITY, BENCH_ROUNDS, BENCH_KEEP_DB, BENCH_REUSE_DB
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { cpuMeter } from './cpu-meter.mjs';
import { httpGetter } from './http-get.mjs';
import { dropDatabase, ensureBuilt, fmt, keptDatabase, migratedDatabase, percentile, startApi } from './lib.mjs';

const RELATIONSHIPS = Number(process.env.BENCH_RELATIONSHIPS ?? 10_000);
const OTHER = 2_000;
const DENSITY = Number(process.env.BENCH_DENSITY ?? 1);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const QUARTER = '2026-Q2';
// BENCH_DB: another name, so two sessions' runs on one server do not drop each other's database.
const DB = process.env.BENCH_DB ?? 'acrm_bench_reports';
const REUSE = process.env.BENCH_REUSE_DB === '1';
const require = createRequire(import.meta.url);
// BENCH_DIST runs another build's service and API (e.g. a copy of the previous build's dist) on the same seed, for alternated runs.
const DIST = resolve(process.env.BENCH_DIST ?? 'dist');

ensureBuilt();
const { databaseUrl, pool } = REUSE ? keptDatabase(DB) : await migratedDatabase(DB);
process.env.BENCH_API_MAIN ??= `${DIST}/apps/api/src/main.js`;
const api = await startApi({
  PORT: process.env.BENCH_PORT ?? '3919',
  DATABASE_URL: databaseUrl,
});
/** The GET client apart from this process (http-get.mjs), started with the rounds. */
let getter;
const summary = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${fmt(percentile(sorted, 50))} ms, p95 ${fmt(percentile(sorted, 95))} ms, min ${fmt(sorted[0])} ms`;
};

try {
  const credentials = { email: 'bench@example.com', password: 'bench password 1' };
  const body = JSON.stringify(REUSE ? credentials : { workspaceName: 'Bench', name: 'Bench', ...credentials });
  const signup = await (
    await fetch(`${api.url}/v1/auth/${REUSE ? 'login' : 'signup'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
  ).json();
  const auth = { authorization: `Bearer ${signup.accessToken}` };
  const workspaceId = REUSE
    ? (await pool.query(`SELECT workspace_id FROM brands WHERE name = 'Bench brand'`)).rows[0].workspace_id
    : signup.workspace.id;
  const started = performance.now();
  const brandId = REUSE ? (await pool.query(`SELECT id FROM brands WHERE name = 'Bench brand'`)).rows[0].id : await seed(workspaceId);
  const rows = (
    await pool.query(
      `SELECT count(*) AS all, count(*) FILTER (WHERE day BETWEEN '2026-04-01' AND '2026-06-30') AS quarter FROM relationship_daily_stats`,
    )
  ).rows[0];
  console.log(
    `seeded ${RELATIONSHIPS} + ${OTHER} relationships, ${rows.all} daily rows (${rows.quarter} in ${QUARTER}) in ${fmt((performance.now() - started) / 1000)} s`,
  );

  const { REPORT_SUMS, READ_SETTINGS } = require(`${DIST}/libs/reports/src/reports.sql.js`);
  const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${REPORT_SUMS}`, [workspaceId, brandId, '2026-04-01', '2026-06-30']);
  console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
  const { DataSource } = require('typeorm');
  const { FixedClock } = require(`${DIST}/libs/common/src/index.js`);
  const { dataSourceOptions, ReadReplica } = require(`${DIST}/libs/database/src/index.js`);
  const { QuarterlyReportsService, toCsv } = require(`${DIST}/libs/reports/src/index.js`);
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
  // No DATABASE_READ_URL: the replica helper reads on the primary, as the API does without one.
  const service = new QuarterlyReportsService(
    dataSource,
    new FixedClock(new Date('2026-07-15T10:00:00Z')),
    new ReadReplica(dataSource, {}),
  );
  const snapshotsAt = performance.now();
  for (const quarter of ['2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']) await service.snapshot(workspaceId, brandId, quarter);
  console.log(`4 snapshots (2025-Q2..2026-Q1) in ${fmt((performance.now() - snapshotsAt) / 1000)} s`);
  // Late refunds dated in a closed quarter: the report lists them as adjustments (once, when seeding).
  if (!REUSE)
    await pool.query(
      `UPDATE relationship_daily_stats SET reversals = reversals + 10 WHERE workspace_id = $1 AND day = '2026-03-31' AND relationship_id IN (SELECT id FROM relationships WHERE brand_id = $2 LIMIT 100)`,
      [workspaceId, brandId],
    );
  // The baseline of build(): the main statement alone, with the settings the report runs it with, rows fetched by pg.
  // Each round times it and then build(), so that a change in the machine's load between phases moves both; the
  // CPU each spends (this process and the database's backends, from /proc) moves far less with the load than time.
  const mainStatement = async () => {
    const client = await pool.connect();
    await client.query('BEGIN');
    await client.query(READ_SETTINGS);
    const t = performance.now();
    await client.query(REPORT_SUMS, [workspaceId, brandId, '2026-04-01', '2026-06-30']);
    const ms = performance.now() - t;
    await client.query('COMMIT');
    client.release();
    return { ms };
  };
  const meter = cpuMeter({ bench: process.pid, api: api.child.pid }, pool);
  const cpuMs = (measured) => 1000 * (measured.cpu.bench + measured.cpu.postgres);
  const sql = [];
  const build = [];
  const csv = [];
  // GET JSON in the same rounds as build(), so that the load moves both alike (run phase after phase, it did not):
  // once by fetch() in this process, once by a client process of its own (http-get.mjs), which does not collect
  // this process's garbage of build() and toCsv while it reads; which goes first alternates from round to round.
  const get = [];
  const getApart = [];
  getter = httpGetter();
  const reportUrl = (quarter, query = '') => `${api.url}/v1/reports/quarterly?brandId=${brandId}&quarter=${quarter}${query}`;
  const cpu = { sql: [], build: [] };
  let report;
  for (let i = 0; i < ROUNDS; i++) {
    const main = await meter.measure(mainStatement);
    sql.push(main.ms);
    cpu.sql.push(cpuMs(main));
    const built = await meter.measure(async () => {
      const t = performance.now();
      report = await service.build(workspaceId, brandId, QUARTER);
      return { ms: performance.now() - t };
    });
    build.push(built.ms);
    cpu.build.push(cpuMs(built));
    const t = performance.now();
    toCsv(report);
    csv.push(performance.now() - t);
    const inProcess = async () => {
      const at = performance.now();
      await fetched(reportUrl(QUARTER), auth);
      get.push(performance.now() - at);
    };
    const apart = async () => getApart.push((await getter.get(reportUrl(QUARTER), auth)).ms);
    for (const timed of i % 2 ? [apart, inProcess] : [inProcess, apart]) await timed();
  }
  await dataSource.destroy();
  console.log(`main statement through pg, with the report's settings: ${summary(sql)}`);
  console.log(
    `service.build(): ${summary(build)} (${report.relationships.length} rows, ${report.renewalsDueNextQuarter.length} renewals, ${report.adjustments.length} adjustments); toCsv: ${summary(csv)}`,
  );
  const p50 = (times) =>
    percentile(
      [...times].sort((a, b) => a - b),
      50,
    );
  console.log(`build() / main statement, p50: ${fmt(p50(build) / p50(sql), 2)} (target <= 2)`);
  console.log(
    `CPU ms (this process + PostgreSQL), p50: main statement ${fmt(p50(cpu.sql), 0)}, build() ${fmt(p50(cpu.build), 0)}: ${fmt(p50(cpu.build) / p50(cpu.sql), 2)}`,
  );

  // The API runs on the real clock: 2026-Q2 is closed and built live (no snapshot), 2026-Q1 answers its snapshot.
  for (const [label, times] of [
    ['fetch() in this process', get],
    ['a client process of its own', getApart],
  ]) {
    console.log(`GET /v1/reports/quarterly (JSON), ${label}: ${summary(times)}`);
    console.log(
      `  GET JSON / build(), p50: ${fmt(p50(times) / p50(build), 2)} (target <= 1.3); per round: ${times.map((ms, i) => fmt(ms / build[i], 2)).join(', ')}`,
    );
  }
  for (const [label, quarter, headers, query = ''] of [
    ['CSV', QUARTER, { ...auth, accept: 'text/csv' }],
    ['JSON, the 50 best-ranked relationships', QUARTER, auth, '&limit=50'],
    ['JSON, 2026-Q1 from its snapshot', '2026-Q1', auth],
  ]) {
    const times = [];
    let size = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const t = performance.now();
      size = await fetched(reportUrl(quarter, query), headers);
      times.push(performance.now() - t);
    }
    console.log(`GET /v1/reports/quarterly (${label}, ${fmt(size / 1024, 0)} KB): ${summary(times)}`);
  }
} finally {
  getter?.close();
  await api.stop();
  await pool.end();
  if (!process.env.BENCH_KEEP_DB) await dropDatabase(DB);
}

/** The bytes of a GET's body, buffered whole by fetch(); throws unless 200. */
async function fetched(url, headers) {
  const response = await fetch(url, { headers });
  const bytes = (await response.arrayBuffer()).byteLength;
  if (!response.ok) throw new Error(`GET report answered ${response.status}`);
  return bytes;
}

async function seed(workspaceId) {
  const q = (text) => pool.query(text, [workspaceId]);
  const brand = (
    await q(`INSERT INTO brands (workspace_id, name, currency, timezone) VALUES ($1, 'Bench brand', 'EUR', 'Europe/Paris') RETURNING id`)
  ).rows[0].id;
  await q(`INSERT INTO brands (workspace_id, name, currency, timezone) VALUES ($1, 'Other brand', 'EUR', 'Europe/Paris')`);
  const tiers = `(ARRAY['nano','micro','mid','macro','mega'])[1 + (g % 5)]`;
  await q(
    `INSERT INTO influencers (workspace_id, name, tier, max_followers) SELECT $1, 'Creator ' || g, ${tiers}, 1000 + g * 97 FROM generate_series(0, ${RELATIONSHIPS + OTHER - 1}) g`,
  );
  await q(`INSERT INTO relationships (workspace_id, brand_id, influencer_id, status)
    SELECT $1, CASE WHEN row_number() OVER (ORDER BY i.id) <= ${RELATIONSHIPS} THEN (SELECT id FROM brands WHERE name = 'Bench brand') ELSE (SELECT id FROM brands WHERE name = 'Other brand') END, i.id, 'active'
    FROM influencers i WHERE i.workspace_id = $1`);
  // One active term each; a twelfth of them end in the quarter after the report's.
  await q(`INSERT INTO contracts (workspace_id, relationship_id, status, start_date, end_date, currency, auto_renew, notice_period_days)
    SELECT $1, r.id, 'active', date '2025-07-01', date '2026-07-01' + (row_number() OVER (ORDER BY r.id) % 365)::int, 'EUR', true, 30 FROM relationships r WHERE r.workspace_id = $1`);
  await q(`INSERT INTO relationship_daily_stats (workspace_id, relationship_id, day, conversions, revenue, reversals, commission, spend_retainer, spend_commission,
      impressions, reach, views, engagements, clicks, engagement_followers, deliverables_due, deliverables_published, deliverables_on_time, emv)
    SELECT $1, r.id, d::date, 2, round((50 + random() * 200)::numeric, 2), CASE WHEN random() < 0.05 THEN 30 ELSE 0 END, 12.05, 32.8767, 12.05,
      5000, 4000, 900, 310, 45, 20000, (random() < 0.1)::int, (random() < 0.08)::int, (random() < 0.07)::int, 41.2345
    FROM relationships r CROSS JOIN generate_series(date '2025-04-01', date '2026-07-14', interval '1 day') d
    WHERE r.workspace_id = $1 AND random() < ${DENSITY}`);
  await pool.query('ANALYZE');
  return brand;
}
