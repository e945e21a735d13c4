import { EntityManager } from 'typeorm';
import { accruedThroughSql, accruingTermSql, commissionSql, lastDayInForceSql } from '@app/costs';
import { IN_PAID_PAYOUT, PAYABLE_KINDS_SQL } from '@app/payouts';
import { presentMoney } from '@app/rollups';

/** What a period's spend does not hold yet, shown beside its figures so nobody reads a ROI without knowing it (docs/reports.md). */
export interface SpendCompleteness {
  /**
   * The last day whose retainer is in the figures: every term in force in the period has accrued through it
   * (never after the period or today); null when no term of the period has a retainer.
   */
  accruedThrough: string | null;
  /** Commission on the period's conversions still pending (approval comes after the lock period): owed, not spend yet. */
  pendingCommission: string;
  /** Of the period's spend owed to ambassadors (docs/payouts.md), what payouts marked paid hold... */
  paid: string;
  /** ...and what they do not (unpaid or in open payouts; negative after a clawback). */
  owed: string;
}

/** Which relationships: a brand's, or the ones named. */
export type CompletenessScope = { brandId: string } | { relationshipIds: string[] };

/** Calendar days; `from`/`to` may be '-infinity'/'infinity' (all time). */
export interface CompletenessRange {
  from: string;
  to: string;
  /** Today in the brand's time zone. */
  today: string;
}

/**
 * $1 workspace, $2 the scope (brand id or relationship ids), $3..$4 the period, $5 the latest day it can be
 * complete through (the earlier of its end and today). Per relationship and in total (the row without one):
 * the earliest last-accrued day of the terms still owing days (a term never accrued counts from the day before
 * its start), else the latest one; and the commission approval will record for each pending conversion
 * (net less refunds so far), in 10^-4 units.
 */
const statement = (scope: string) => `
WITH scope AS MATERIALIZED (
  SELECT r.id, r.brand_id FROM relationships r WHERE r.workspace_id = $1 AND ${scope}
), bounds AS MATERIALIZED (
  -- Once per brand, not per conversion: the period's first and last instants in the brand's zone.
  SELECT b.id AS brand_id, $3::date::timestamp AT TIME ZONE b.timezone AS from_at, ($4::date + 1)::timestamp AT TIME ZONE b.timezone AS to_at
  FROM brands b WHERE b.workspace_id = $1 AND b.id IN (SELECT brand_id FROM scope)
), terms AS MATERIALIZED (
  SELECT c.relationship_id, ${accruedThroughSql('c')} AS accrued, ${lastDayInForceSql('c')} AS last_day
  FROM contracts c JOIN scope s ON s.id = c.relationship_id
  WHERE c.workspace_id = $1 AND ${accruingTermSql('c')} AND c.start_date <= $4::date AND ${lastDayInForceSql('c')} >= $3::date
), parts AS (
  SELECT relationship_id, CASE WHEN accrued < last_day THEN accrued END AS owing, accrued AS latest, NULL::numeric AS pending,
         NULL::numeric AS paid, NULL::numeric AS owed FROM terms
  UNION ALL
  SELECT x.relationship_id, NULL, NULL, ${commissionSql('x.net_amount - x.reversed_amount', 'x.commission_rate')}, NULL, NULL
  FROM conversions x JOIN scope s ON s.id = x.relationship_id JOIN bounds w ON w.brand_id = s.brand_id
  WHERE x.workspace_id = $1 AND x.status = 'pending' AND x.commission_rate > 0 AND x.occurred_at >= w.from_at AND x.occurred_at < w.to_at
  UNION ALL
  SELECT e.relationship_id, NULL, NULL, NULL, CASE WHEN paid THEN e.amount END, CASE WHEN NOT paid THEN e.amount END
  FROM cost_entries e JOIN scope s ON s.id = e.relationship_id CROSS JOIN LATERAL (SELECT ${IN_PAID_PAYOUT('e')} AS paid) p
  WHERE e.workspace_id = $1 AND e.kind IN (${PAYABLE_KINDS_SQL}) AND e.incurred_on BETWEEN $3::date AND $4::date
)
SELECT relationship_id AS "relationshipId",
  CASE WHEN count(latest) > 0 THEN least($5::date, coalesce(min(owing), max(latest)))::text END AS "accruedThrough",
  coalesce(sum(pending), 0)::text AS "pendingCommission", coalesce(sum(paid), 0)::text AS paid, coalesce(sum(owed), 0)::text AS owed
FROM parts GROUP BY GROUPING SETS ((relationship_id), ())`;

const BY_BRAND = statement('r.brand_id = $2');
const BY_RELATIONSHIPS = statement('r.id = ANY($2::uuid[])');

export interface CompletenessOf {
  total: SpendCompleteness;
  byRelationship: Map<string, SpendCompleteness>;
}

/** One statement, whatever the number of relationships: the accrual index answers each term's last day. */
export async function spendCompleteness(
  db: EntityManager,
  workspaceId: string,
  scope: CompletenessScope,
  range: CompletenessRange,
  minorUnits: number,
): Promise<CompletenessOf> {
  const [sql, key] = 'brandId' in scope ? [BY_BRAND, scope.brandId] : [BY_RELATIONSHIPS, scope.relationshipIds];
  const completeThrough = range.to < range.today ? range.to : range.today;
  const rows = (await db.query(sql, [workspaceId, key, range.from, range.to, completeThrough])) as ({
    relationshipId: string | null;
  } & SpendCompleteness)[];
  const present = ({ accruedThrough, pendingCommission, paid, owed }: SpendCompleteness) => ({
    accruedThrough,
    pendingCommission: presentMoney(pendingCommission, minorUnits),
    paid: presentMoney(paid, minorUnits),
    owed: presentMoney(owed, minorUnits),
  });
  const total = rows.find((row) => row.relationshipId === null);
  return {
    total: present(total ?? { accruedThrough: null, pendingCommission: '0', paid: '0', owed: '0' }),
    byRelationship: new Map(rows.filter((row) => row.relationshipId !== null).map((row) => [row.relationshipId!, present(row)])),
  };
}
