import { netRevenueSql, spendSql } from '@app/rollups';
import { ROI_SUMS, STAT_SUMS } from './stat-sums.sql';

/**
 * Every statement of the quarterly report and of the relationship series. Days are already calendar days
 * in the brand's time zone, so periods are plain date ranges. Series of arbitrary days read
 * relationship_daily_stats; the report, whose quarters are whole months, reads relationship_monthly_stats
 * (the same sums per month, kept by triggers: ~3 rows per relationship a quarter instead of ~91). Each
 * statement filters by workspace_id = $1 on every table it reads: the worker calls these without a
 * request context, and tenants must still never mix.
 */

/**
 * First in each of the report's transactions: REPORT_SUMS' GROUPING SETS over 10,000 relationships sorted on
 * disk at the default work_mem; JIT compilation (~90 ms when a plan's cost passes jit_above_cost) saves
 * nothing here; and the report already runs three statements at once, so parallel workers for one of them
 * (BRAND_QUARTER_SUMS took two) only crowd the others (bench/reports-quarterly: build() p50 ~360 -> ~335 ms).
 */
export const READ_SETTINGS = `SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true), set_config('max_parallel_workers_per_gather', '0', true)`;

export const BRAND = `
SELECT id, name, currency, timezone, fiscal_year_start_month AS "fiscalYearStartMonth"
FROM brands WHERE workspace_id = $1 AND id = $2`;

/**
 * The period's sums four ways in one pass (GROUPING SETS): per relationship, per current tier, per calendar
 * month and in total; `kind` says which set a row belongs to. Relationship rows carry the influencer, joined
 * after the aggregation so names never enter a grouping. $3, $4: first and last day of whole months.
 */
export const REPORT_SUMS = `
WITH sums AS (
  SELECT CASE GROUPING(s.relationship_id, i.tier, s.month) WHEN 3 THEN 'relationship' WHEN 5 THEN 'tier' WHEN 6 THEN 'month' ELSE 'total' END AS kind,
    s.relationship_id AS rel_id, i.tier AS tier_key, s.month AS month_start,
    ${STAT_SUMS}
  FROM relationship_monthly_stats s
  JOIN relationships r ON r.id = s.relationship_id AND r.workspace_id = $1 AND r.brand_id = $2
  JOIN influencers i ON i.id = r.influencer_id AND i.workspace_id = $1
  WHERE s.workspace_id = $1 AND s.month BETWEEN $3::date AND $4::date
  GROUP BY GROUPING SETS ((s.relationship_id), (i.tier), (s.month), ())
)
SELECT sums.*, sums.rel_id AS "relationshipId", to_char(sums.month_start, 'YYYY-MM') AS month,
  i.id AS "influencerId", i.name AS "influencerName", COALESCE(i.tier, sums.tier_key) AS tier, i.max_followers::text AS followers
FROM sums
LEFT JOIN relationships r ON r.id = sums.rel_id AND r.workspace_id = $1
LEFT JOIN influencers i ON i.id = r.influencer_id AND i.workspace_id = $1`;

/** ROI sums per quarter (b.label) of the brand's relationships, for quarters given as ($3 labels, $4 first days, $5 last days). */
export const BRAND_QUARTER_SUMS = `
SELECT b.label AS period, ${ROI_SUMS}
FROM unnest($3::text[], $4::date[], $5::date[]) AS b(label, from_day, to_day)
JOIN relationship_monthly_stats s ON s.workspace_id = $1 AND s.month BETWEEN b.from_day AND b.to_day
JOIN relationships r ON r.id = s.relationship_id AND r.workspace_id = $1 AND r.brand_id = $2
GROUP BY b.label`;

/**
 * Sums of one relationship ($2) per bucket, plus the grand total (the row whose period is null). Buckets
 * ($3 labels, $4 first days, $5 last days) must not overlap, or the total would count a day twice.
 */
export const RELATIONSHIP_BUCKET_SUMS = `
SELECT b.label AS period, ${STAT_SUMS}
FROM unnest($3::text[], $4::date[], $5::date[]) AS b(label, from_day, to_day)
JOIN relationship_daily_stats s ON s.workspace_id = $1 AND s.relationship_id = $2 AND s.day BETWEEN b.from_day AND b.to_day
GROUP BY GROUPING SETS ((b.label), ())`;

/**
 * Exact net revenue and spend per quarter and relationship ($2 ids), quarters as in BRAND_QUARTER_SUMS: what roiOf
 * needs, two sums where the eight of ROI_SUMS kept a numeric state each per group (7,623 groups for 2,541 renewals:
 * ~17 % less). The months are bounded by the quarters' span outright as well, which the join implies: without it
 * the planner read the whole monthly table and matched each row against every quarter (~360 -> ~200 ms).
 */
export const RELATIONSHIP_QUARTER_SUMS = `
SELECT b.label AS period, s.relationship_id AS "relationshipId", sum(${netRevenueSql('s')})::text AS "netRevenue",
  sum(${spendSql('s')})::text AS spend
FROM unnest($3::text[], $4::date[], $5::date[]) AS b(label, from_day, to_day)
JOIN relationship_monthly_stats s ON s.workspace_id = $1 AND s.relationship_id = ANY($2::uuid[]) AND s.month BETWEEN b.from_day AND b.to_day
WHERE s.month BETWEEN (SELECT min(d) FROM unnest($4::date[]) d) AND (SELECT max(d) FROM unnest($5::date[]) d)
GROUP BY 1, 2`;

export interface RelationshipQuarterSumsRow {
  period: string;
  relationshipId: string;
  netRevenue: string;
  spend: string;
}

/** A relationship's brand: currency, time zone and fiscal year of its figures. */
export const RELATIONSHIP_BRAND = `
SELECT b.id, b.currency, b.timezone, b.fiscal_year_start_month AS "fiscalYearStartMonth"
FROM relationships r JOIN brands b ON b.id = r.brand_id AND b.workspace_id = $1
WHERE r.workspace_id = $1 AND r.id = $2`;

/** The brands of relationships ($2 ids): their time zones and fiscal years name their quarters. */
export const RELATIONSHIP_BRANDS = `
SELECT r.id AS "relationshipId", b.id AS "brandId", b.currency, b.timezone, b.fiscal_year_start_month AS "fiscalYearStartMonth"
FROM relationships r JOIN brands b ON b.id = r.brand_id AND b.workspace_id = $1
WHERE r.workspace_id = $1 AND r.id = ANY($2::uuid[])`;

/** All-time sums of one relationship, month by month: the headline figures of GET /v1/relationships/:id. */
export const RELATIONSHIP_ALL_TIME_SUMS = `
SELECT ${STAT_SUMS} FROM relationship_monthly_stats s WHERE s.workspace_id = $1 AND s.relationship_id = $2`;

/** Active terms of the brand ending inside [$3, $4]; auto-renewal counts only while not cancelled. */
export const RENEWALS_DUE = `
SELECT c.relationship_id AS "relationshipId", c.id AS "contractId", c.end_date::text AS "endDate",
  (c.auto_renew AND c.auto_renew_cancelled_at IS NULL) AS "autoRenew",
  CASE WHEN c.auto_renew AND c.auto_renew_cancelled_at IS NULL THEN (c.end_date - c.notice_period_days)::text END AS "noticeDeadline",
  i.id AS "influencerId", i.name AS "influencerName", i.tier
FROM contracts c
JOIN relationships r ON r.id = c.relationship_id AND r.workspace_id = $1 AND r.brand_id = $2
JOIN influencers i ON i.id = r.influencer_id AND i.workspace_id = $1
WHERE c.workspace_id = $1 AND c.status = 'active' AND c.end_date BETWEEN $3::date AND $4::date
ORDER BY c.end_date, i.name, c.id`;

export const SNAPSHOT = `
SELECT quarter, data, created_at AS "createdAt" FROM quarterly_reports
WHERE workspace_id = $1 AND brand_id = $2 AND quarter = $3`;

/**
 * The brand and totals of snapshots ($3 quarters), for adjustments, from their generated columns (migration
 * QuarterlyReportSummary): a snapshot is megabytes of JSON at 10,000 relationships, and reading these two out of
 * `data` detoasted each whole document.
 */
export const SNAPSHOT_TOTALS = `
SELECT q.quarter, q.data_brand AS brand, q.data_totals AS totals FROM quarterly_reports q
WHERE q.workspace_id = $1 AND q.brand_id = $2 AND q.quarter = ANY($3::text[])`;

/** The unique (brand_id, quarter) makes the first snapshot the only one: a second writer inserts nothing. */
export const INSERT_SNAPSHOT = `
INSERT INTO quarterly_reports (workspace_id, brand_id, quarter, data) VALUES ($1, $2, $3, $4::jsonb)
ON CONFLICT ON CONSTRAINT uq_quarterly_reports_brand_quarter DO NOTHING RETURNING id`;
