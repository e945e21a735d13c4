import { isMoneyColumn, STAT_COLUMNS, StatColumn, StatTotals } from '@app/rollups';

/** A StatTotals key is the camelCase of the column it sums, named alike in relationship_daily_stats and _monthly_stats (docs/rollups.md). */
const keyOf = (column: StatColumn) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()) as keyof StatTotals;
const MONEY: [keyof StatTotals, string][] = STAT_COLUMNS.filter(isMoneyColumn).map((column) => [keyOf(column), column]);
const COUNTS: [keyof StatTotals, string][] = STAT_COLUMNS.filter((column) => !isMoneyColumn(column)).map((column) => [
  keyOf(column),
  column,
]);

const camelSums = (columns: [keyof StatTotals, string][]) =>
  columns.map(([key, column]) => `COALESCE(sum(s.${column}), 0)::text AS "${key}"`).join(',\n  ');

/**
 * The select list that sums the stats rows of alias `s` into StatTotals: exact numeric sums (text, never a float),
 * 0 where a LEFT JOIN found no row. Every report and series reads through this one list.
 */
export const STAT_SUMS = camelSums([...MONEY, ...COUNTS]);

const ROI_KEYS = new Set<keyof StatTotals>([
  'conversions',
  'revenue',
  'reversals',
  'spendRetainer',
  'spendDeliverableFee',
  'spendCommission',
  'spendProduct',
  'spendOther',
]);

/** Only what ROI, net revenue, spend and conversions need (ROI trends, adjustments); toStatTotals leaves the rest 0. */
export const ROI_SUMS = camelSums([...MONEY, ...COUNTS].filter(([key]) => ROI_KEYS.has(key)));

export type StatSumsRow = Record<keyof StatTotals, string>;

const money = (value: string | undefined) => value ?? '0';
const count = (value: string | undefined) => (value === undefined ? 0 : Number(value));

/** Every key spelled out, so the compiler checks that none is missing; a column a statement did not sum is 0. */
export function toStatTotals(r: Partial<StatSumsRow>): StatTotals {
  return {
    conversions: count(r.conversions),
    revenue: money(r.revenue),
    reversals: money(r.reversals),
    commission: money(r.commission),
    spendRetainer: money(r.spendRetainer),
    spendDeliverableFee: money(r.spendDeliverableFee),
    spendCommission: money(r.spendCommission),
    spendProduct: money(r.spendProduct),
    spendOther: money(r.spendOther),
    impressions: count(r.impressions),
    reach: count(r.reach),
    views: count(r.views),
    engagements: count(r.engagements),
    clicks: count(r.clicks),
    engagementFollowers: count(r.engagementFollowers),
    deliverablesDue: count(r.deliverablesDue),
    deliverablesPublished: count(r.deliverablesPublished),
    deliverablesMissed: count(r.deliverablesMissed),
    deliverablesOnTime: count(r.deliverablesOnTime),
    deliverablesLate: count(r.deliverablesLate),
    emv: money(r.emv),
  };
}
