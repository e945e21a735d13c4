// bench/costs-accrue: costs.accrue (libs/costs/src/accrual) in an application context of the built accrual modules.
// (1) a catch-up of 30 days for BENCH_CATCHUP (10,000) contracts, (2) one day for BENCH_CONTRACTS (100,000) more
// whose earlier days are already in the ledger, (3) a rerun with nothing owed (the hourly steady state),
// (4) approval of BENCH_CONVERSIONS (100,000) pending conversions past their lock period, a tenth partly
// refunded, (5) a refund after approval for a tenth of them. Usage: npm run build && node bench/costs-accrue.mjs
// env: BENCH_CATCHUP, BENCH_CONTRACTS, BENCH_CONVERSIONS, BENCH_KEEP_DB
import { createRequire } from 'node:module';
import { benchWorkerQueues, dropDatabase, ensureBuilt, fmt, migratedDatabase } from './lib.mjs';

const CATCHUP = Number(process.env.BENCH_CATCHUP ?? 10_000);
const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 100_000);
const CONVERSIONS = Number(process.env.BENCH_CONVERSIONS ?? 100_000);
const ZONES = ['Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'America/Los_Angeles'];
const DB = 'acrm_bench_costs';
const PREFIX = `{acrm-bench-costs-${process.pid}}`;
const require = createRequire(import.meta.url);

ensureBuilt();
const { databaseUrl, pool } = await migratedDatabase(DB);
// Nothing runs behind the bench's back: the worker's start-up runs and the rollups it triggers wait.
const { env, close: closeQueues } = await benchWorkerQueues(databaseUrl, PREFIX);
let failed = false;
let app;

try {
  let started = performance.now();
  await seedContracts(0, CATCHUP);
  console.log(
    `seeded ${CATCHUP} active terms of 1000.00 EUR/month that started 29 days ago (4 zones) in ${fmt((performance.now() - started) / 1000)} s`,
  );

  app = await accrualContext();
  const accrual = app.get(require('../dist/libs/costs/src/index.js').CostsAccrual);
  const timed = async (label) => {
    const t = performance.now();
    const report = await accrual.run();
    console.log(`${label}: ${fmt((performance.now() - t) / 1000, 2)} s, ${JSON.stringify(report)}`);
    return report;
  };

  const catchUp = await timed(`(1) catch-up, ${CATCHUP} contracts x 30 days`);
  if (catchUp.retainerEntries !== CATCHUP * 30) throw new Error(`expected ${CATCHUP * 30} entries`);

  started = performance.now();
  await seedContracts(CATCHUP, CONTRACTS);
  await pool.query(
    `INSERT INTO cost_entries (workspace_id, relationship_id, contract_id, kind, amount, currency, incurred_on)
     SELECT c.workspace_id, c.relationship_id, c.id, 'retainer', 32.25, 'EUR', d::date
     FROM contracts c CROSS JOIN LATERAL generate_series(c.start_date, c.start_date + 28, interval '1 day') d
     WHERE c.notes::int > $1`,
    [CATCHUP],
  );
  for (const table of ['contracts', 'cost_entries']) await pool.query(`VACUUM ANALYZE ${table}`);
  console.log(`seeded ${CONTRACTS} more terms with their first 29 days already accrued in ${fmt((performance.now() - started) / 1000)} s`);
  const oneDay = await timed(`(2) one day, ${CONTRACTS + CATCHUP} contracts scanned`);
  if (oneDay.retainerEntries !== CONTRACTS) throw new Error(`expected ${CONTRACTS} entries`);
  await timed('(3) rerun, nothing owed');

  started = performance.now();
  await seedConversions();
  console.log(
    `seeded ${CONVERSIONS} pending conversions from 31 days ago (a tenth partly refunded) in ${fmt((performance.now() - started) / 1000)} s`,
  );
  const approval = await timed(`(4) approval of ${CONVERSIONS} conversions`);
  if (approval.approvedConversions !== CONVERSIONS || approval.commissionEntries !== CONVERSIONS)
    throw new Error('every conversion must be approved once, with its commission');
  await pool.query(
    `INSERT INTO conversion_reversals (workspace_id, conversion_id, amount, reason, occurred_at)
     SELECT workspace_id, id, 5, 'bench', now() FROM conversions WHERE external_id::int % 10 = 1`,
  );
  const late = await timed(`(5) ${CONVERSIONS / 10} refunds after approval`);
  if (late.reversalEntries !== CONVERSIONS / 10) throw new Error('every late refund must have its negative entry');
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await app?.close();
  await closeQueues();
  await pool.end();
  if (!process.env.BENCH_KEEP_DB) await dropDatabase(DB);
}
process.exit(failed ? 1 : 0);

/** The accrual's own modules from dist (not the whole worker: its other processors would compete for the 2 cores). */
async function accrualContext() {
  const { Module } = require('@nestjs/common');
  const { NestFactory } = require('@nestjs/core');
  const { ClockModule } = require('../dist/libs/common/src/index.js');
  const { ConfigModule } = require('../dist/libs/config/src/index.js');
  const { CostsAccrualModule } = require('../dist/libs/costs/src/index.js');
  const { DatabaseModule } = require('../dist/libs/database/src/index.js');
  const { QueueModule } = require('../dist/libs/queue/src/index.js');
  class AccrualBenchModule {}
  Module({ imports: [ConfigModule.forRoot(env), ClockModule, DatabaseModule, QueueModule, CostsAccrualModule] })(AccrualBenchModule);
  return NestFactory.createApplicationContext(AccrualBenchModule, { logger: ['warn', 'error'] });
}

/** Terms numbered (from, from + count]: relationship g of brand g % 4 and influencer g; started 29 days ago in its zone. */
async function seedContracts(from, count) {
  if (from === 0) {
    await pool.query(
      `WITH w AS (INSERT INTO workspaces (name) VALUES ('Bench') RETURNING id)
       INSERT INTO brands (workspace_id, name, currency, timezone) SELECT w.id, 'Brand ' || z.ord, 'EUR', z.tz FROM w, unnest($1::text[]) WITH ORDINALITY z(tz, ord)`,
      [ZONES],
    );
  }
  await pool.query(
    `WITH i AS (
       INSERT INTO influencers (workspace_id, name, notes) SELECT w.id, 'Creator ' || g, g::text FROM workspaces w, generate_series($1::int + 1, $1::int + $2::int) g RETURNING id, workspace_id, notes::int AS g
     ), r AS (
       INSERT INTO relationships (workspace_id, brand_id, influencer_id, status, notes)
       SELECT i.workspace_id, b.id, i.id, 'active', i.g::text FROM i JOIN brands b ON b.name = 'Brand ' || (i.g % 4 + 1) RETURNING id, workspace_id, brand_id, notes
     )
     INSERT INTO contracts (workspace_id, relationship_id, status, start_date, end_date, currency, retainer_monthly, commission_rate, activated_at, notes)
     SELECT r.workspace_id, r.id, 'active', t.today - 29, t.today + 335, 'EUR', 1000.00, 10, now(), r.notes
     FROM r JOIN brands b ON b.id = r.brand_id CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE b.timezone)::date AS today) t`,
    [from, count],
  );
}

/** One pending conversion per relationship (round robin), net 90.00 at 10 %; every tenth refunded 30.00 before approval. */
async function seedConversions() {
  await pool.query(
    `INSERT INTO conversions (workspace_id, relationship_id, contract_id, source, external_id, occurred_at, currency, gross_amount, net_amount, commission_rate, commission_amount)
     SELECT c.workspace_id, c.relationship_id, c.id, 'api', g::text, now() - interval '31 days', 'EUR', 90, 90, 10, 9
     FROM generate_series(1, $1::int) g JOIN contracts c ON c.notes::int = (g - 1) % $2::int + 1`,
    [CONVERSIONS, CATCHUP + CONTRACTS],
  );
  await pool.query(
    `WITH v AS (INSERT INTO conversion_reversals (workspace_id, conversion_id, amount, reason, occurred_at)
       SELECT workspace_id, id, 30, 'bench', now() - interval '20 days' FROM conversions WHERE external_id::int % 10 = 0 RETURNING conversion_id)
     UPDATE conversions SET reversed_amount = 30 WHERE id IN (SELECT conversion_id FROM v)`,
  );
  for (const table of ['conversions', 'conversion_reversals']) await pool.query(`VACUUM ANALYZE ${table}`);
}
