import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  APPLY,
  DELETE_EMPTIED,
  deltas,
  list,
  replaceApply,
  SUBTRACT_DEPARTED,
  upsertDeltas,
} from './1795631700000-RelationshipMonthlyStats';

/**
 * An UPDATE of daily rows applies one net delta per month instead of adding the new values and then taking
 * the old ones away: the second write of the same monthly row cost a row version more and, as the row was
 * now this transaction's own, the foreign-key checks of an update (PostgreSQL checks keys of a row inserted
 * or updated in the same transaction even when they did not change). A sweep batch of 1,000 relationship-days
 * spent ~40 ms of its ~120 ms in the update trigger (bench/rollup). INSERT and DELETE are as before.
 */
export const NET_APPLY = `
  BEGIN
    IF TG_OP = 'INSERT' THEN
      ${upsertDeltas(deltas('arrived', 1))}
    ELSIF TG_OP = 'UPDATE' THEN
      ${upsertDeltas(`SELECT workspace_id, relationship_id, month, sum(days) AS days, ${list((c) => `sum(${c}) AS ${c}`)}
        FROM (${deltas('arrived', 1)} UNION ALL ${deltas('departed', -1)}) x GROUP BY 1, 2, 3`)}
      ${DELETE_EMPTIED}
    ELSE
      ${SUBTRACT_DEPARTED}
      ${DELETE_EMPTIED}
    END IF;
    RETURN NULL;
  END
`;

export class MonthlyStatsNetUpdate1795632000000 implements MigrationInterface {
  name = 'MonthlyStatsNetUpdate1795632000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(replaceApply(NET_APPLY));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(replaceApply(APPLY));
  }
}
