import { emvSql } from './emv';

/**
 * What each ledger adds to relationship_daily_stats (docs/rollups.md): the one aggregate that incremental and
 * full recomputes share (rollup.sql.ts builds the statements around it). Only how rows are keyed to
 * (relationship, day) differs between them, and it differs by construction (an instant belongs to day D of
 * zone Z iff it lies in [D 00:00 Z, D+1 00:00 Z)).
 */

/** The computed columns of relationship_daily_stats and the types they are stored as. */
const COLUMNS = [
  ['conversions', 'integer'],
  ['revenue', 'numeric(20,4)'],
  ['reversals', 'numeric(20,4)'],
  ['commission', 'numeric(20,4)'],
  ['spend_retainer', 'numeric(20,4)'],
  ['spend_deliverable_fee', 'numeric(20,4)'],
  ['spend_commission', 'numeric(20,4)'],
  ['spend_product', 'numeric(20,4)'],
  ['spend_other', 'numeric(20,4)'],
  ['impressions', 'bigint'],
  ['reach', 'bigint'],
  ['views', 'bigint'],
  ['engagements', 'bigint'],
  ['clicks', 'bigint'],
  ['engagement_followers', 'bigint'],
  ['deliverables_due', 'integer'],
  ['deliverables_published', 'integer'],
  ['deliverables_missed', 'integer'],
  ['deliverables_on_time', 'integer'],
  ['deliverables_late', 'integer'],
  ['emv', 'numeric(20,4)'],
] as const;

export type StatColumn = (typeof COLUMNS)[number][0];
export const STAT_COLUMNS: readonly StatColumn[] = COLUMNS.map(([name]) => name);
/** Money columns (numeric) sum to decimal strings, the others to counts. */
export const isMoneyColumn = (column: StatColumn) => COLUMNS.some(([name, type]) => name === column && type.startsWith('numeric'));

/** Net revenue and spend of one stats row of alias `s`, as figuresOf defines them: their sums are what roiOf takes. */
export const netRevenueSql = (s: string) => `${s}.revenue - ${s}.reversals`;
export const spendSql = (s: string) =>
  `${s}.spend_retainer + ${s}.spend_deliverable_fee + ${s}.spend_commission + ${s}.spend_product + ${s}.spend_other`;

/** The NULL a source writes for a column it does not feed: typed, so the UNION ALL resolves each column's type. */
const nullOf = (type: string) => `NULL::${type === 'integer' ? 'integer' : type === 'bigint' ? 'bigint' : 'numeric'}`;

/** `all`: every ledger row, keyed by computing its day. `targets`: only rows of the (relationship, day) pairs in CTE `targets`. */
export type Scope = 'all' | 'targets';

interface Keyed {
  from: string;
  /** The source's row filter, for the outer query (all) or inside the per-target subquery, where partial indexes can see it. */
  where?: string;
  day: string;
  /** The brand's time zone, for sources that compare an instant with a date. */
  tz: string;
}

const BRAND = 'JOIN relationships r ON r.id = x.relationship_id JOIN brands b ON b.id = r.brand_id';

/**
 * The rows of `table` for each target (relationship, day), found through the (relationship_id, ...) index. A
 * LATERAL subquery kept apart by OFFSET 0, so the planner cannot flatten it into a join: it estimates the
 * claimed marks badly and then hashed whole ledgers (500 marks: 0.7 s instead of a few ms).
 */
const perTarget = (table: string, condition: string, filter?: string) =>
  `targets t CROSS JOIN LATERAL (SELECT * FROM ${table} x WHERE x.relationship_id = t.relationship_id AND ${condition}${filter ? ` AND ${filter}` : ''} OFFSET 0) x`;

/**
 * Rows of `table x` (matching `filter`) keyed by the brand-local day of an instant: a range on (relationship_id,
 * instant) when targeted. `utcDay`: the table's index leads with the instant's UTC date instead (so that a
 * sweep's probes meet the leaves of its few days, not every relationship's), and the target's rows lie on UTC
 * dates day - 1, day or day + 1 (every zone is less than a day from UTC), three equality probes; the range keeps
 * exactly the day's.
 */
function byInstant(scope: Scope, table: string, column: string, options: { filter?: string; utcDay?: boolean } = {}): Keyed {
  if (scope === 'all')
    return { from: `${table} x ${BRAND}`, where: options.filter, day: `(x.${column} AT TIME ZONE b.timezone)::date`, tz: 'b.timezone' };
  const range = `x.${column} >= t.day_start AND x.${column} < t.day_end`;
  const utcDays = options.utcDay ? `(x.${column} AT TIME ZONE 'UTC')::date IN (t.day - 1, t.day, t.day + 1) AND ` : '';
  return { from: perTarget(table, utcDays + range, options.filter), day: 't.day', tz: 't.timezone' };
}

/** Rows of `table x` (matching `filter`) keyed by a calendar date column (already in the brand's zone). */
function byDate(scope: Scope, table: string, column: string, options: { filter?: string; zone?: boolean } = {}): Keyed {
  if (scope === 'targets') return { from: perTarget(table, `x.${column} = t.day`, options.filter), day: 't.day', tz: 't.timezone' };
  return { from: options.zone ? `${table} x ${BRAND}` : `${table} x`, where: options.filter, day: `x.${column}`, tz: 'b.timezone' };
}

interface Source {
  keyed: Keyed;
  joins?: string;
  /** One value per ledger row; the day's figure is their sum. */
  values: Partial<Record<StatColumn, string>>;
}

/** A reversal of a conversion still counted; ix_conversions_voided keeps the test to the few voided rows. */
const NOT_VOIDED = `NOT EXISTS (SELECT 1 FROM conversions v WHERE v.id = x.conversion_id AND v.status = 'voided')`;

const spend = (...kinds: string[]) => `CASE WHEN x.kind IN (${kinds.map((kind) => `'${kind}'`).join(', ')}) THEN x.amount END`;

/** The ledgers and what each row of them adds to its day (column semantics: docs/rollups.md). */
const SOURCES: ((scope: Scope) => Source)[] = [
  // A voided conversion counts nowhere: gone from its order day, and its refunds from theirs (it all goes).
  (scope) => ({
    keyed: byInstant(scope, 'conversions', 'occurred_at', { filter: `x.status <> 'voided'` }),
    values: { conversions: '1', revenue: 'x.net_amount', commission: 'x.commission_amount' },
  }),
  // A refund counts on its own day: a late one lands in the open period and never rewrites a closed one.
  (scope) => ({
    keyed: byInstant(scope, 'conversion_reversals', 'occurred_at', { filter: NOT_VOIDED }),
    values: { reversals: 'x.amount' },
  }),
  (scope) => ({
    keyed: byDate(scope, 'cost_entries', 'incurred_on'),
    values: {
      spend_retainer: spend('retainer'),
      spend_deliverable_fee: spend('deliverable_fee'),
      spend_commission: spend('commission'),
      spend_product: spend('product'),
      // Bonuses and adjustments (owed to the ambassador, docs/payouts.md) are spend of no kind of their own.
      spend_other: spend('other', 'bonus', 'adjustment'),
    },
  }),
  // Probed through ix_deliverables_due_relationship, (due_date, relationship_id) without the cancelled: day first.
  (scope) => {
    const keyed = byDate(scope, 'deliverables', 'due_date', { filter: `x.status <> 'cancelled'`, zone: true });
    const publishedDay = `(x.published_at AT TIME ZONE ${keyed.tz})::date`;
    return {
      keyed,
      values: {
        deliverables_due: '1',
        deliverables_missed: `(x.status = 'missed')::integer`,
        deliverables_on_time: `(x.status = 'published' AND ${publishedDay} <= x.due_date)::integer`,
        deliverables_late: `(x.status = 'published' AND ${publishedDay} > x.due_date)::integer`,
      },
    };
  },
  // Published deliverables on their publication day, with the counts of their latest snapshot.
  (scope) => ({
    // ix_deliverables_published_day_relationship: (UTC date of published_at, relationship_id) while published.
    keyed: byInstant(scope, 'deliverables', 'published_at', { filter: `x.status = 'published'`, utcDay: true }),
    joins: `LEFT JOIN LATERAL (SELECT * FROM metric_snapshots s WHERE s.deliverable_id = x.id ORDER BY s.captured_at DESC, s.created_at DESC LIMIT 1) m ON true
      JOIN workspaces w ON w.id = x.workspace_id`,
    values: {
      deliverables_published: '1',
      impressions: 'm.impressions',
      reach: 'm.reach',
      views: 'm.views',
      engagements: 'm.likes + m.comments + m.shares + m.saves',
      clicks: 'm.clicks',
      engagement_followers: 'CASE WHEN m.id IS NOT NULL THEN coalesce(x.followers_at_publish, 0) END',
      emv: emvSql('m', 'w.emv_rates'),
    },
  }),
];

function select({ keyed, joins = '', values }: Source): string {
  const columns = COLUMNS.map(([name, type]) => `${values[name] ?? nullOf(type)} AS ${name}`).join(', ');
  return `SELECT x.relationship_id, ${keyed.day} AS day, ${columns} FROM ${keyed.from} ${joins}${keyed.where ? ` WHERE ${keyed.where}` : ''}`;
}

/**
 * (relationship_id, day, ...STAT_COLUMNS) for every pair some ledger row counts on: a pair nothing counts
 * on has no row, in both scopes, so incremental and full recomputes delete the same emptied rows.
 */
export function freshStats(scope: Scope): string {
  const sums = COLUMNS.map(([name, type]) => `coalesce(sum(${name}), 0)::${type} AS ${name}`).join(', ');
  return `SELECT relationship_id, day, ${sums} FROM (${SOURCES.map((source) => select(source(scope))).join('\n UNION ALL ')}) u GROUP BY relationship_id, day`;
}
