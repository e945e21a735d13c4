import { Figures } from '@app/rollups';

export const TIERS = ['nano', 'micro', 'mid', 'macro', 'mega'] as const;
export type Tier = (typeof TIERS)[number];

/** Deliverables due in the period, by outcome (due = all but cancelled; open = neither published nor missed yet). */
export interface DeliverableOutcomes {
  due: number;
  onTime: number;
  late: number;
  missed: number;
  open: number;
}

/**
 * SpendCompleteness of a report and of its rows; null in a snapshot taken before these fields existed
 * (before 2026-12), which recorded neither.
 */
export interface ReportCompleteness {
  /** The last day whose retainer is in the figures (spend-completeness.ts). */
  accruedThrough: string | null;
  /** Commission on the period's pending conversions: owed on approval, not in spend yet. */
  pendingCommission: string | null;
  /** Of the period's payable spend: in payouts marked paid, and not (docs/payouts.md); null in older snapshots. */
  paid: string | null;
  owed: string | null;
}

export interface ReportRelationshipRow extends ReportCompleteness {
  /** 1 = best ROI; relationships without spend (ROI null) come last, by net revenue. */
  rank: number;
  relationshipId: string;
  influencer: { id: string; name: string; tier: Tier; followers: number };
  figures: Figures;
  deliverables: DeliverableOutcomes;
}

export interface ReportTierRow {
  tier: Tier;
  /** Relationships of that tier with any activity in the period. */
  relationships: number;
  figures: Figures;
}

export interface ReportMonth {
  /** YYYY-MM, calendar month in the brand's time zone. */
  month: string;
  netRevenue: string;
  spend: string;
  /** The month had not ended when the report was built (the quarter in progress): its figures are to date. */
  partial: boolean;
}

export interface RenewalDue {
  relationshipId: string;
  contractId: string;
  influencer: { id: string; name: string; tier: Tier };
  endDate: string;
  autoRenew: boolean;
  /** Last day to cancel an auto-renewing contract (end date − notice period); null without auto-renew. */
  noticeDeadline: string | null;
  /** ROI of this relationship in the report's quarter and the three before it, oldest first. */
  roiTrend: Array<{ quarter: string; roi: number | null }>;
}

/** What a closed quarter's figures have become since its snapshot (late conversions, refunds, corrections). */
export interface ReportAdjustment {
  quarter: string;
  netRevenue: string;
  spend: string;
  conversions: number;
}

/** The quarterly ROI report of one brand: the JSON of GET /v1/reports/quarterly and of a snapshot. */
export interface QuarterlyReport extends ReportCompleteness {
  brand: { id: string; name: string; currency: string; timezone: string; fiscalYearStartMonth: number };
  /** Fiscal quarter, e.g. 2026-Q3: quarters follow the brand's fiscal year start (FY named by its start year). */
  quarter: string;
  /** Calendar dates in the brand's time zone, both inclusive. */
  period: { from: string; to: string };
  generatedAt: string;
  /** True once the quarter has ended in the brand's time zone. */
  closed: boolean;
  /** Set when the figures come from the immutable snapshot built at quarter close. */
  snapshotCreatedAt: string | null;
  totals: Figures & { relationships: number; deliverables: DeliverableOutcomes };
  months: ReportMonth[];
  relationships: ReportRelationshipRow[];
  tiers: ReportTierRow[];
  renewalsDueNextQuarter: RenewalDue[];
  adjustments: ReportAdjustment[];
}
