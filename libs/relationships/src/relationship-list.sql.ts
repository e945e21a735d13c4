import { influencerRefSql, TIERS } from '@app/influencers';
import { netRevenueSql, spendSql } from '@app/rollups';
import { RELATIONSHIP_STATUSES } from './relationship.entity';
import { RelationshipSortKey, SortSpec } from './relationship-sort';

const ranked = (values: readonly string[], column: string) => `array_position(ARRAY[${values.map((v) => `'${v}'`).join(',')}], ${column})`;

/**
 * The sort value of each key, never null (see relationship-sort.ts): tier and status sort by their order
 * (nano → mega, prospect → ended), not alphabetically; a relationship without a term or without spend this
 * quarter comes last whichever the direction.
 */
const SORT_VALUE: Record<RelationshipSortKey, (last: string) => string> = {
  createdAt: () => 'r.created_at',
  name: () => 'i.name',
  brand: () => 'b.name',
  tier: () => ranked(TIERS, 'i.tier'),
  status: () => ranked(RELATIONSHIP_STATUSES, 'r.status'),
  termEnd: (last) => `COALESCE(t.term_end, '${last}infinity'::date)`,
  quarterRoi: (last) => `COALESCE(CASE WHEN q.spend <> 0 THEN (q.net_revenue - q.spend) / q.spend END, '${last}Infinity'::numeric)`,
};

/** The expression a sort orders on; `last` is the infinity that puts missing values at the end. */
export const sortValueSql = ({ key, descending }: SortSpec): string => SORT_VALUE[key](descending ? '-' : '');

/** The sort value as the cursor carries it: text PostgreSQL casts back (instants in UTC, milliseconds: timestamptz(3)). */
const sortValueText = (spec: SortSpec): string =>
  spec.key === 'createdAt' ? `to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : `(${sortValueSql(spec)})::text`;

/**
 * The current term's end: the active term, else the latest not cancelled (currentTerm of libs/contracts, which
 * imports this library, so the rule is restated here).
 */
const TERM = `LEFT JOIN LATERAL (
  SELECT COALESCE(c.termination_date, c.end_date) AS term_end FROM contracts c
  WHERE c.workspace_id = $1 AND c.relationship_id = r.id AND c.status <> 'cancelled'
  ORDER BY c.status = 'active' DESC, c.term_number DESC LIMIT 1
) t ON true`;

/** The brand's current fiscal quarter (today in the brand's zone from $2, the app's clock) and its sums from the monthly rollups. */
const QUARTER = `CROSS JOIN LATERAL (SELECT ($2::timestamptz AT TIME ZONE b.timezone)::date AS today) bt
CROSS JOIN LATERAL (SELECT (extract(month FROM bt.today)::int - b.fiscal_year_start_month + 12) % 12 AS months_in) fy
CROSS JOIN LATERAL (
  SELECT (date_trunc('month', bt.today) - make_interval(months => fy.months_in % 3))::date AS first_day,
    format('%s-Q%s', extract(year FROM bt.today)::int - (extract(month FROM bt.today)::int < b.fiscal_year_start_month)::int,
      fy.months_in / 3 + 1) AS label
) fq
LEFT JOIN LATERAL (
  SELECT sum(${netRevenueSql('s')}) AS net_revenue, sum(${spendSql('s')}) AS spend
  FROM relationship_monthly_stats s
  WHERE s.workspace_id = $1 AND s.relationship_id = r.id AND s.month >= fq.first_day AND s.month < fq.first_day + interval '3 months'
) q ON true`;

/**
 * Run before the page, in its transaction: no JIT. The planner prices the term end's and the quarter's laterals for
 * every relationship of the workspace, so sorted on either the statement passes jit_above_cost, and compiling it took
 * 40–70 ms of a 100–190 ms page at 12,000 relationships (bench/README.md, relationships-list); a 50-row page never
 * runs long enough to earn it back.
 */
export const LIST_SETTINGS = `SELECT set_config('jit', 'off', true)`;

/** What the sort's value needs besides the relationship and its two ends. */
const SORT_NEEDS: Partial<Record<RelationshipSortKey, string>> = { termEnd: TERM, quarterRoi: QUARTER };

/**
 * One page of the relationship list in one statement: the two ends' names, the influencer's tier, the current
 * term's end and the brand's current fiscal quarter sums. $1 workspace; `where` is built from the filter and the cursor.
 *
 * The page's ids are picked first, with only what the sort's value needs (a term end sort reads no quarter sums),
 * so the rest runs for a page's rows only: the planner, which cannot tell how few rows the LIMIT keeps after the
 * joins, ran every lateral for every relationship of the workspace and sorted after (300 ms at 10,000). Sorted on
 * the term end or the quarter's ROI, that one lateral still runs for every relationship of the workspace.
 */
export const relationshipListSql = (where: string, spec: SortSpec, limitParam: string): string => {
  const order = `ORDER BY ${sortValueSql(spec)} ${spec.descending ? 'DESC' : 'ASC'}, r.id ${spec.descending ? 'DESC' : 'ASC'}
LIMIT ${limitParam}`;
  const ends = `JOIN brands b ON b.id = r.brand_id AND b.workspace_id = $1
JOIN influencers i ON i.id = r.influencer_id AND i.workspace_id = $1`;
  const page = `SELECT r.id FROM relationships r ${ends} ${SORT_NEEDS[spec.key] ?? ''} WHERE r.workspace_id = $1 ${where} ${order}`;
  return `
SELECT r.id, r.workspace_id AS "workspaceId", r.brand_id AS "brandId", r.influencer_id AS "influencerId",
  r.owner_user_id AS "ownerUserId", r.status, r.notes, r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  json_build_object('id', b.id, 'name', b.name) AS brand, ${influencerRefSql('r.influencer_id')} AS influencer,
  i.tier, b.currency, t.term_end::text AS "termEnd", fq.label AS quarter,
  COALESCE(q.net_revenue, 0)::text AS "quarterNetRevenue", COALESCE(q.spend, 0)::text AS "quarterSpend",
  ${sortValueText(spec)} AS "sortValue"
FROM relationships r
${ends}
${TERM}
${QUARTER}
WHERE r.workspace_id = $1 AND r.id = ANY(ARRAY(${page}))
${order}`;
};
