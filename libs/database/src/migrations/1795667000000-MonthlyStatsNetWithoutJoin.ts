import { MigrationInterface, QueryRunner } from 'typeorm';
import { list, replaceApply, upsertDeltas } from './1795631700000-RelationshipMonthlyStats';
import { APPLY_KEPT_ROWS, NET_OF_KEPT_ROWS } from './1795660000000-RollupHotUpdates';

/**
 * The same month deltas as NET_OF_KEPT_ROWS (every row keeps its key, so a month's change is what arrived minus
 * what departed), summed in one aggregate over both transition tables instead of joined row to row.
 */
const NET_WITHOUT_JOIN = upsertDeltas(
  `SELECT workspace_id, relationship_id, date_trunc('month', day)::date AS month, 0 AS days, ${list((c) => `sum(${c}) AS ${c}`)}
        FROM (SELECT workspace_id, relationship_id, day, ${list((c) => c)} FROM arrived
          UNION ALL SELECT workspace_id, relationship_id, day, ${list((c) => `-${c}`)} FROM departed) x GROUP BY 1, 2, 3`,
  'month, relationship_id',
);

if (!APPLY_KEPT_ROWS.includes(NET_OF_KEPT_ROWS))
  throw new Error('MonthlyStatsNetWithoutJoin: the monthly trigger function no longer reads as it did');
export const APPLY_NET_WITHOUT_JOIN = APPLY_KEPT_ROWS.replace(NET_OF_KEPT_ROWS, NET_WITHOUT_JOIN);

/**
 * Issue 20, the sweep. PL/pgSQL plans a trigger's statements once per connection, at their first run, and sizes
 * the transition tables as they are then. The join of `arrived` and `departed` was planned as a nested loop when
 * that first run saw an empty or one-row table, which is what a worker meets first most of the time (a
 * relationship's rollup job writes a day or nothing; a reconcile in steady state writes nothing). Every sweep
 * batch on that connection then compared each of its 1,000 arrived rows with each of the 1,000 departed: the
 * statement trigger took 120–165 ms a batch instead of 15–23 (bench/README.md, rollup, twelfth session). An
 * aggregate has no plan that grows with the square of its rows.
 */
export class MonthlyStatsNetWithoutJoin1795667000000 implements MigrationInterface {
  name = 'MonthlyStatsNetWithoutJoin1795667000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(replaceApply(APPLY_NET_WITHOUT_JOIN));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(replaceApply(APPLY_KEPT_ROWS));
  }
}
