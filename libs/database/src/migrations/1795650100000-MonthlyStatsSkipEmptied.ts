import { MigrationInterface, QueryRunner } from 'typeorm';
import { deltas, DELETE_EMPTIED, list, replaceApply, SUBTRACT_DEPARTED, upsertDeltas } from './1795631700000-RelationshipMonthlyStats';
import { NET_APPLY } from './1795632000000-MonthlyStatsNetUpdate';

/**
 * The monthly trigger looks for emptied months only when a statement can have emptied one. Its DELETE of
 * months left without days was planned, for a sweep batch's transition table, as a sequential scan of the
 * whole monthly table filtered on `days = 0` (auto_explain of a cold batch of 500 relationship-days: 90 ms,
 * every page of the table read, and again for the empty DELETE of each batch). An UPDATE that keeps every
 * row's (relationship, day), which is every update the rollups make, adds to each month as many days as it
 * takes away, so no month can reach 0; the DELETE runs only when some updated row changed its key. A
 * statement that deleted no row has nothing to subtract.
 *
 * And months are written in (month, relationship) order, so a statement that creates many (a rebuild, a bulk
 * load) lays each month's rows out together, as a table filled month by month has them: the quarterly report
 * reads a quarter's rows of 12,000 relationships from 974 heap pages instead of 5,190 (bench/reports-quarterly,
 * the table rewritten each way, two alternated pairs: the first read after each rewrite 0.8 and 1.7 s against
 * 2.7 and 2.2 s; the repeated reads could not be told apart at load average ~20). Any one order keeps
 * concurrent writers from deadlocking; this is one order.
 */
const MONTH_FIRST = 'month, relationship_id';

export const APPLY_SKIPPING = `
  BEGIN
    IF TG_OP = 'INSERT' THEN
      ${upsertDeltas(deltas('arrived', 1), MONTH_FIRST)}
    ELSIF TG_OP = 'UPDATE' THEN
      ${upsertDeltas(
        `SELECT workspace_id, relationship_id, month, sum(days) AS days, ${list((c) => `sum(${c}) AS ${c}`)}
        FROM (${deltas('arrived', 1)} UNION ALL ${deltas('departed', -1)}) x GROUP BY 1, 2, 3`,
        MONTH_FIRST,
      )}
      IF EXISTS (SELECT relationship_id, day FROM departed EXCEPT SELECT relationship_id, day FROM arrived) THEN
        ${DELETE_EMPTIED}
      END IF;
    ELSIF EXISTS (SELECT 1 FROM departed) THEN
      ${SUBTRACT_DEPARTED}
      ${DELETE_EMPTIED}
    END IF;
    RETURN NULL;
  END
`;

export class MonthlyStatsSkipEmptied1795650100000 implements MigrationInterface {
  name = 'MonthlyStatsSkipEmptied1795650100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(replaceApply(APPLY_SKIPPING));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(replaceApply(NET_APPLY));
  }
}
