// bench/payouts: one payout run as PayoutRunsService runs it (libs/payouts RUN_HORIZON, then BUILD_RUN: select the
// unpaid payable entries in spans per relationship, group per payee and currency, insert the payouts, link the spans
// under ex_payout_entries_live) over
// BENCH_PAYEES (10,000) payees and BENCH_ENTRIES (1,000,000) entries, against a bare INSERT ... SELECT ... GROUP BY
// of the same grouping in the same database and run, with the same settings (work_mem, no JIT) (target: run <= 2x the baseline).
// Then the plain export's read of the approved run.
// Usage: npm run bench:payouts   env: BENCH_PAYEES, BENCH_ENTRIES, BENCH_KEEP_DB
import { createRequire } from 'node:module';
import { dropDatabase, ensureBuilt, fmt, migratedDatabase } from './lib.mjs';

const PAYEES = Number(process.env.BENCH_PAYEES ?? 10_000);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const DB = 'acrm_bench_payouts';
const require = createRequire(import.meta.url);

ensureBuilt();
const { BUILD_RUN, PAYABLE_KINDS_SQL, RUN_HORIZON, RUN_SETTINGS } = require('../dist/libs/payouts/src/runs/payout-run.sql.js');
const { APPROVED_PAYOUTS } = require('../dist/libs/payouts/src/exports/payout-exports.js');
const { pool } = await migratedDatabase(DB);
let failed = false;

const timed = async (label, work) => {
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label}: ${fmt(seconds, 2)} s`);
  return { seconds, result };
};

try {
  const seeded = await timed(`seeded ${PAYEES} payees and ${ENTRIES} payable entries (retainer, fee, commission, bonus)`, async () => {
    // A live ledger has a partition per month (the ledger.partitions job makes them ahead), not everything in DEFAULT:
    // the run's read and its per-entry probes go through the partitions the seed's days (Jan-Mar 2026) fall in.
    await pool.query(
      `SELECT ledger_partition_create('cost_entries', m::date) FROM generate_series(date '2026-01-01', date '2026-03-01', interval '1 month') m`,
    );
    await pool.query(`INSERT INTO workspaces (name) VALUES ('Bench')`);
    await pool.query(
      `INSERT INTO brands (workspace_id, name, currency, timezone) SELECT id, 'Brand', 'EUR', 'Europe/Paris' FROM workspaces`,
    );
    await pool.query(
      `WITH i AS (INSERT INTO influencers (workspace_id, name, notes) SELECT w.id, 'Creator ' || g, g::text FROM workspaces w, generate_series(1, $1::int) g RETURNING id, workspace_id, notes)
       INSERT INTO relationships (workspace_id, brand_id, influencer_id, status, notes) SELECT i.workspace_id, b.id, i.id, 'active', i.notes FROM i JOIN brands b ON true`,
      [PAYEES],
    );
    await pool.query(
      `INSERT INTO cost_entries (workspace_id, relationship_id, kind, amount, currency, incurred_on)
       SELECT r.workspace_id, r.id, (ARRAY['retainer','deliverable_fee','commission','bonus'])[1 + g % 4], 1 + (g % 997) / 100.0, 'EUR', date '2026-01-01' + (g % 90)
       FROM generate_series(0, $1::int - 1) g JOIN relationships r ON r.notes::int = g % $2::int + 1`,
      [ENTRIES, PAYEES],
    );
    for (const table of ['relationships', 'cost_entries']) await pool.query(`VACUUM ANALYZE ${table}`);
  });
  void seeded;
  const [{ workspace }] = (await pool.query(`SELECT id AS workspace FROM workspaces`)).rows;
  const minorUnits = JSON.stringify({ EUR: 2 });

  // The baseline: the same rows, the same grouping, one INSERT of the groups; no payout, no link.
  const baseline = await timed('baseline: INSERT ... SELECT ... GROUP BY (payee, currency)', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(RUN_SETTINGS);
      await client.query(`CREATE TEMP TABLE groups (influencer_id uuid, currency char(3), total numeric) ON COMMIT DROP`);
      const inserted = await client.query(
        `INSERT INTO groups SELECT r.influencer_id, e.currency, sum(e.amount) FROM cost_entries e JOIN relationships r ON r.id = e.relationship_id
          WHERE e.workspace_id = $1 AND e.kind IN (${PAYABLE_KINDS_SQL}) AND e.incurred_on <= $2 GROUP BY 1, 2`,
        [workspace, '2026-03-31'],
      );
      await client.query('ROLLBACK');
      return inserted.rowCount;
    } finally {
      client.release();
    }
  });

  const run = await timed('payout run: horizon, lock, run row, BUILD_RUN (payouts + their spans)', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      let answer;
      for (const statement of RUN_HORIZON) answer = await client.query(statement);
      const [{ horizon }] = answer.rows;
      await client.query('COMMIT');
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('payout-run:' || $1, 0))`, [workspace]);
      await client.query(RUN_SETTINGS);
      const [{ id }] = (
        await client.query(`INSERT INTO payout_runs (workspace_id, period_end, minimum) VALUES ($1, $2, 50) RETURNING id`, [
          workspace,
          '2026-03-31',
        ])
      ).rows;
      const remainders = await client.query(BUILD_RUN, [workspace, '2026-03-31', null, '50', id, minorUnits, horizon]);
      await client.query('COMMIT');
      return { id, remainders: remainders.rowCount };
    } finally {
      client.release();
    }
  });
  const [{ payouts, spans, linked }] = (
    await pool.query(
      `SELECT (SELECT count(*)::int FROM payouts) AS payouts, (SELECT count(*)::int FROM payout_entries) AS spans,
              (SELECT count(*)::int FROM cost_entries e WHERE EXISTS (SELECT 1 FROM payout_entries l
                WHERE l.relationship_id = e.relationship_id AND l.currency = e.currency AND l.seqs @> e.seq AND NOT l.released)) AS linked`,
    )
  ).rows;
  console.log(
    `  ${payouts} payouts (baseline groups: ${baseline.result}), ${spans} spans linking ${linked} entries, ${run.result.remainders} remainders to carry`,
  );
  if (payouts !== baseline.result || linked !== ENTRIES) throw new Error('the run did not pay every group and link every entry');
  console.log(`ratio run / baseline: ${fmt(run.seconds / baseline.seconds, 2)}x (target <= 2x)`);

  await pool.query(`UPDATE payouts SET status = 'approved'`);
  await timed(`export read of ${payouts} approved payouts (APPROVED_PAYOUTS)`, () =>
    pool.query(APPROVED_PAYOUTS, [run.result.id, workspace]),
  );
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await pool.end();
  if (!process.env.BENCH_KEEP_DB) await dropDatabase(DB);
}
process.exit(failed ? 1 : 0);
