import { DataSource, EntityManager } from 'typeorm';
import { calendarDateIn, currencyMinorUnits } from '@app/common';
import { Figures, figuresOf, roiOf } from '@app/rollups';
import { bucketParams, quarterBuckets } from './buckets';
import { QuarterlyReport, RenewalDue, Tier } from './quarterly-report';
import { adjustmentsOf, ReportSumsRow, sectionsOf, SnapshotTotals } from './quarterly-report.assemble';
import { monthsBetween, quarterRange, shiftQuarter } from './quarters';
import {
  BRAND_QUARTER_SUMS,
  READ_SETTINGS,
  RELATIONSHIP_QUARTER_SUMS,
  RelationshipQuarterSumsRow,
  RENEWALS_DUE,
  REPORT_SUMS,
  SNAPSHOT_TOTALS,
} from './reports.sql';
import { spendCompleteness } from './spend-completeness';
import { StatSumsRow, toStatTotals } from './stat-sums.sql';

/** A brand's quarter, resolved and checked: what every entry point needs before reading figures. */
export interface ReportPeriod {
  brand: QuarterlyReport['brand'];
  quarter: string;
  period: { from: string; to: string };
  closed: boolean;
}

export interface SnapshotRow {
  quarter: string;
  data: QuarterlyReport;
  createdAt: Date;
}

type SnapshotTotalsRow = { quarter: string } & Pick<QuarterlyReport, 'brand' | 'totals'>;

type RenewalRow = Omit<RenewalDue, 'influencer' | 'roiTrend'> & { influencerId: string; influencerName: string; tier: Tier };

/**
 * The live report: seven statements (reports.sql.ts, spend-completeness.ts) whatever the number of
 * relationships, on three connections at once: the quarter's sums; the renewals, then their earlier ROI; the
 * earlier snapshots, then today's sums of their quarters, then what the spend does not hold yet. Each reads what was committed when it started (the rollups move
 * continuously; sections can differ by what committed in those milliseconds).
 */
export async function buildQuarterlyReport(
  db: DataSource,
  workspaceId: string,
  { brand, quarter, period, closed }: ReportPeriod,
  now: Date,
): Promise<QuarterlyReport> {
  const minorUnits = currencyMinorUnits(brand.currency);
  const fiscal = brand.fiscalYearStartMonth;
  const today = calendarDateIn(now, brand.timezone);
  const [rows, renewals, [snapshots, completeness]] = await Promise.all([
    reading(db, async (m) => (await m.query(REPORT_SUMS, [workspaceId, brand.id, period.from, period.to])) as ReportSumsRow[]),
    reading(db, (m) => renewalsWithTrends(m, workspaceId, brand.id, quarter, fiscal)),
    reading(
      db,
      async (m) =>
        [
          await snapshotsWithLive(m, workspaceId, brand.id, quarter, fiscal, minorUnits),
          await spendCompleteness(m, workspaceId, { brandId: brand.id }, { ...period, today }, minorUnits),
        ] as const,
    ),
  ]);
  const sections = sectionsOf(rows, monthsBetween(period.from, period.to), minorUnits, { today, completeness });
  const current = new Map<string, number | null>();
  for (const row of sections.relationships) current.set(row.relationshipId, row.figures.roi);
  return {
    brand: { id: brand.id, name: brand.name, currency: brand.currency, timezone: brand.timezone, fiscalYearStartMonth: fiscal },
    quarter,
    period,
    generatedAt: now.toISOString(),
    closed,
    snapshotCreatedAt: null,
    ...sections,
    renewalsDueNextQuarter: renewals.map(({ influencerId, influencerName, tier, earlier, ...renewal }) => ({
      ...renewal,
      influencer: { id: influencerId, name: influencerName, tier },
      roiTrend: [...earlier, { quarter, roi: current.get(renewal.relationshipId) ?? null }],
    })),
    adjustments: adjustmentsOf(snapshots.totals, snapshots.live, fiscal, minorUnits),
  };
}

/** One of the report's connections: a transaction with the report's settings (READ_SETTINGS). */
function reading<T>(db: DataSource, work: (m: EntityManager) => Promise<T>): Promise<T> {
  return db.transaction(async (m) => {
    await m.query(READ_SETTINGS);
    return work(m);
  });
}

/**
 * Active terms ending in the next quarter, each with its relationship's ROI in the three quarters before the
 * report's (oldest first, null without spend); the report's own quarter comes from its rows.
 */
async function renewalsWithTrends(db: EntityManager, workspaceId: string, brandId: string, quarter: string, fiscal: number) {
  const next = quarterRange(shiftQuarter(quarter, 1), fiscal);
  const renewals = (await db.query(RENEWALS_DUE, [workspaceId, brandId, next.from, next.to])) as RenewalRow[];
  const ids = [...new Set(renewals.map((r) => r.relationshipId))];
  const earlier = [-3, -2, -1].map((by) => shiftQuarter(quarter, by));
  const rows = ids.length
    ? ((await db.query(RELATIONSHIP_QUARTER_SUMS, [
        workspaceId,
        ids,
        ...bucketParams(quarterBuckets(earlier, fiscal)),
      ])) as RelationshipQuarterSumsRow[])
    : [];
  const roi = new Map(rows.map((row) => [`${row.relationshipId}/${row.period}`, roiOf(row.netRevenue, row.spend)]));
  return renewals.map((renewal) => ({
    ...renewal,
    earlier: earlier.map((q) => ({ quarter: q, roi: roi.get(`${renewal.relationshipId}/${q}`) ?? null })),
  }));
}

/** The totals of the four previous quarters' snapshots, and today's figures of those quarters, to show what changed since. */
async function snapshotsWithLive(
  db: EntityManager,
  workspaceId: string,
  brandId: string,
  quarter: string,
  fiscal: number,
  minorUnits: number,
): Promise<{ totals: SnapshotTotals[]; live: Map<string, Figures> }> {
  const snapshots = (await db.query(SNAPSHOT_TOTALS, [
    workspaceId,
    brandId,
    [-4, -3, -2, -1].map((by) => shiftQuarter(quarter, by)),
  ])) as SnapshotTotalsRow[];
  const totals = snapshots.map((s) => ({ quarter: s.quarter, fiscalYearStartMonth: s.brand.fiscalYearStartMonth, totals: s.totals }));
  if (snapshots.length === 0) return { totals, live: new Map() };
  const rows = (await db.query(BRAND_QUARTER_SUMS, [
    workspaceId,
    brandId,
    ...bucketParams(
      quarterBuckets(
        totals.map((s) => s.quarter),
        fiscal,
      ),
    ),
  ])) as (StatSumsRow & { period: string })[];
  return { totals, live: new Map(rows.map((row) => [row.period, figuresOf(toStatTotals(row), minorUnits)])) };
}
