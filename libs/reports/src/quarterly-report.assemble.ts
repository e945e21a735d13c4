import { fromUnits, toUnits } from '@app/common';
import { Figures, figuresOf, presentMoney, StatTotals, ZERO_TOTALS } from '@app/rollups';
import { DeliverableOutcomes, QuarterlyReport, ReportAdjustment, ReportRelationshipRow, Tier, TIERS } from './quarterly-report';
import { CompletenessOf } from './spend-completeness';
import { StatSumsRow, toStatTotals } from './stat-sums.sql';

/** A row of REPORT_SUMS: one grouping set's sums, with the influencer on relationship rows. */
export interface ReportSumsRow extends StatSumsRow {
  kind: 'relationship' | 'tier' | 'month' | 'total';
  relationshipId: string | null;
  month: string | null;
  tier: Tier | null;
  influencerId: string | null;
  influencerName: string | null;
  followers: string | null;
}

type Sections = Pick<
  QuarterlyReport,
  'totals' | 'months' | 'relationships' | 'tiers' | 'accruedThrough' | 'pendingCommission' | 'paid' | 'owed'
>;

/** When the report is built: today in the brand's zone (months not over are partial) and what spend does not hold yet. */
interface AsOf {
  today: string;
  completeness: CompletenessOf;
}

/** Due deliverables by outcome; open is what is neither on time, late nor missed yet, never negative. */
export function outcomesOf(t: StatTotals): DeliverableOutcomes {
  const { deliverablesDue: due, deliverablesOnTime: onTime, deliverablesLate: late, deliverablesMissed: missed } = t;
  return { due, onTime, late, missed, open: Math.max(0, due - onTime - late - missed) };
}

const names = new Intl.Collator('en');

/**
 * Best ROI first; without spend (ROI null) last; ties by net revenue, then name, then id so the order is
 * stable. Net revenue is parsed only for ties, which are rare outside relationships without spend. Sorts `rows`
 * in place and writes each one's rank into the slot it was made with: no copy of 10,000 rows per report, and the
 * `rank` key stays where the row put it (first, as the JSON has it).
 */
export function rankByRoi(rows: ReportRelationshipRow[], minorUnits: number): ReportRelationshipRow[] {
  const net = (row: ReportRelationshipRow) => toUnits(row.figures.netRevenue, minorUnits);
  rows.sort((a, b) => {
    const p = a.figures.roi;
    const q = b.figures.roi;
    if (p !== q) return p === null ? 1 : q === null ? -1 : q - p;
    const x = net(a);
    const y = net(b);
    if (x !== y) return x > y ? -1 : 1;
    return names.compare(a.influencer.name, b.influencer.name) || (a.relationshipId < b.relationshipId ? -1 : 1);
  });
  for (let i = 0; i < rows.length; i++) rows[i].rank = i + 1;
  return rows;
}

/** Turns REPORT_SUMS rows into the report's sections; every month of the period and every tier is present. */
export function sectionsOf(rows: ReportSumsRow[], months: string[], minorUnits: number, { today, completeness }: AsOf): Sections {
  const figures = (row: ReportSumsRow | undefined) => figuresOf(row ? toStatTotals(row) : ZERO_TOTALS, minorUnits);
  const zero = presentMoney('0', minorUnits);
  const nothingPending = { accruedThrough: null, pendingCommission: zero, paid: zero, owed: zero };
  const unranked: ReportRelationshipRow[] = [];
  const monthly = new Map<string, Figures>();
  const tiers = new Map<Tier, Figures>();
  let total: ReportSumsRow | undefined;
  for (const row of rows) {
    if (row.kind === 'relationship') {
      const totals = toStatTotals(row);
      unranked.push({
        rank: 0, // rankByRoi writes it; first, where the JSON has it
        relationshipId: row.relationshipId as string,
        influencer: {
          id: row.influencerId as string,
          name: row.influencerName as string,
          tier: row.tier as Tier,
          followers: Number(row.followers),
        },
        figures: figuresOf(totals, minorUnits),
        deliverables: outcomesOf(totals),
        ...(completeness.byRelationship.get(row.relationshipId as string) ?? nothingPending),
      });
    } else if (row.kind === 'month') monthly.set(row.month as string, figures(row));
    else if (row.kind === 'tier') tiers.set(row.tier as Tier, figures(row));
    else total = row;
  }
  const relationships = rankByRoi(unranked, minorUnits);
  const byTier = new Map<Tier, number>();
  for (const row of relationships) byTier.set(row.influencer.tier, (byTier.get(row.influencer.tier) ?? 0) + 1);
  return {
    ...completeness.total,
    totals: { ...figures(total), relationships: relationships.length, deliverables: outcomesOf(total ? toStatTotals(total) : ZERO_TOTALS) },
    months: months.map((month) => {
      const { netRevenue, spend } = monthly.get(month) ?? figures(undefined);
      return { month, netRevenue, spend, partial: today.slice(0, 7) <= month };
    }),
    relationships,
    tiers: TIERS.map((tier) => ({
      tier,
      relationships: byTier.get(tier) ?? 0,
      figures: tiers.get(tier) ?? figures(undefined),
    })),
  };
}

/** What a snapshot's totals need to be compared with today's figures. */
export interface SnapshotTotals {
  quarter: string;
  fiscalYearStartMonth: number;
  totals: Pick<Figures, 'netRevenue' | 'spend' | 'conversions'>;
}

/**
 * Live minus snapshot for each earlier quarter that has a snapshot: late conversions, refunds and cost
 * corrections that landed after the quarter closed. A snapshot taken under another fiscal year start
 * covered other dates under the same name, so it is not compared.
 */
export function adjustmentsOf(
  snapshots: SnapshotTotals[],
  live: Map<string, Figures>,
  fiscalYearStartMonth: number,
  minorUnits: number,
): ReportAdjustment[] {
  const diff = (a: string, b: string) => fromUnits(toUnits(a, minorUnits) - toUnits(b, minorUnits), minorUnits);
  return snapshots
    .filter((snapshot) => snapshot.fiscalYearStartMonth === fiscalYearStartMonth)
    .sort((a, b) => a.quarter.localeCompare(b.quarter))
    .map(({ quarter, totals }) => {
      const now = live.get(quarter) ?? figuresOf(ZERO_TOTALS, minorUnits);
      return {
        quarter,
        netRevenue: diff(now.netRevenue, totals.netRevenue),
        spend: diff(now.spend, totals.spend),
        conversions: now.conversions - totals.conversions,
      };
    })
    .filter((a) => toUnits(a.netRevenue, minorUnits) !== 0n || toUnits(a.spend, minorUnits) !== 0n || a.conversions !== 0);
}
