import { MigrationInterface, QueryRunner } from 'typeorm';
import { list, replaceApply, upsertDeltas } from './1795631700000-RelationshipMonthlyStats';
import { PARTITION_CREATE } from './1795649000000-PartitionedLedger';
import { APPLY_SKIPPING } from './1795650100000-MonthlyStatsSkipEmptied';

/** Room left on each daily page for the next versions of its rows, so that an update stays on the page (HOT). */
const DAILY_FILLFACTOR = 90;

const CREATE_PARTITION = `EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%s) TO (%s)', part, parent, lo, hi);`;
if (!PARTITION_CREATE.includes(CREATE_PARTITION)) throw new Error('RollupHotUpdates: ledger_partition_create no longer reads as it did');
const PARTITION_CREATE_FILLED = PARTITION_CREATE.replace(
  CREATE_PARTITION,
  `EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%s) TO (%s)%s', part, parent, lo, hi,
    CASE parent WHEN 'relationship_daily_stats' THEN ' WITH (fillfactor = ${DAILY_FILLFACTOR})' ELSE '' END);`,
);

const KEYS_KEPT = `NOT EXISTS (SELECT workspace_id, relationship_id, day FROM departed EXCEPT SELECT workspace_id, relationship_id, day FROM arrived)`;

/**
 * An UPDATE whose rows all keep their (workspace, relationship, day), which is every update the rollups make:
 * both transition tables hold the same keys once each, so the month's net change is the sum of each row's own
 * change, one join and one aggregate where the general path aggregates arrivals, departures and then both.
 */
export const NET_OF_KEPT_ROWS = upsertDeltas(
  `SELECT a.workspace_id, a.relationship_id, date_trunc('month', a.day)::date AS month, 0 AS days, ${list((c) => `sum(a.${c} - d.${c}) AS ${c}`)}
        FROM arrived a JOIN departed d ON d.relationship_id = a.relationship_id AND d.day = a.day GROUP BY 1, 2, 3`,
  'month, relationship_id',
);

const [BEFORE_UPDATE, UPDATE_AND_AFTER] = APPLY_SKIPPING.split(`ELSIF TG_OP = 'UPDATE' THEN`);
const [UPDATE, AFTER_UPDATE] = (UPDATE_AND_AFTER ?? '').split(`ELSIF EXISTS (SELECT 1 FROM departed) THEN`);
if (AFTER_UPDATE === undefined) throw new Error('RollupHotUpdates: the monthly trigger function no longer reads as it did');
/** The UPDATE branch tests its keys inside it: an INSERT or DELETE statement has no `arrived` or no `departed` to read. */
export const APPLY_KEPT_ROWS = `${BEFORE_UPDATE}ELSIF TG_OP = 'UPDATE' THEN
      IF ${KEYS_KEPT} THEN
        ${NET_OF_KEPT_ROWS}
      ELSE${UPDATE}END IF;
    ELSIF EXISTS (SELECT 1 FROM departed) THEN${AFTER_UPDATE}`;

const dailyPartitions = `SELECT i.inhrelid::regclass AS part FROM pg_inherits i WHERE i.inhparent = 'relationship_daily_stats'::regclass`;

/**
 * Issue 20, the cold sweep. A sweep batch updates each marked day's row, and with full pages (fillfactor 100)
 * ~1 % of those updates were HOT (bench/README.md, rollup): every other wrote its new version on another page
 * and an entry into both indexes of the partition, dirtying (and, first after a checkpoint, logging whole) more
 * pages per row. Daily partitions now keep a tenth of each page for new versions: the existing ones here, new
 * ones through ledger_partition_create (a partitioned table has no storage parameters of its own). Only pages
 * written from now on keep the room; a table keeps its layout until rewritten, so this is safe on a live
 * database (SET (fillfactor) takes a SHARE UPDATE EXCLUSIVE lock and rewrites nothing). The monthly table keeps
 * 100: a sweep updates every relationship's current month, which lie together (month-first order), so room for
 * one round would halve the pages the quarterly report reads; 80 measured 3 HOT updates in 1,000.
 *
 * And the monthly trigger nets an update row by row when no row changed its key (APPLY_KEPT_ROWS).
 */
export class RollupHotUpdates1795660000000 implements MigrationInterface {
  name = 'RollupHotUpdates1795660000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION ledger_partition_create(parent text, month date) RETURNS bigint LANGUAGE plpgsql AS $fn$${PARTITION_CREATE_FILLED}$fn$;
      DO $do$ DECLARE p regclass; BEGIN
        FOR p IN ${dailyPartitions} LOOP EXECUTE format('ALTER TABLE %s SET (fillfactor = ${DAILY_FILLFACTOR})', p); END LOOP;
      END $do$;
      ${replaceApply(APPLY_KEPT_ROWS)};
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ${replaceApply(APPLY_SKIPPING)};
      DO $do$ DECLARE p regclass; BEGIN
        FOR p IN ${dailyPartitions} LOOP EXECUTE format('ALTER TABLE %s RESET (fillfactor)', p); END LOOP;
      END $do$;
      CREATE OR REPLACE FUNCTION ledger_partition_create(parent text, month date) RETURNS bigint LANGUAGE plpgsql AS $fn$${PARTITION_CREATE}$fn$;
    `);
  }
}
