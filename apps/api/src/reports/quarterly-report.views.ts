import { ApiProperty } from '@nestjs/swagger';
import {
  DeliverableOutcomes,
  QuarterlyReport,
  RenewalDue,
  ReportAdjustment,
  ReportMonth,
  ReportRelationshipRow,
  ReportTierRow,
  Tier,
  TIERS,
} from '@app/reports';
import { ACCRUED_THROUGH, FiguresView, OWED, PAID, PENDING_COMMISSION } from './figures.views';

const SNAPSHOT_NOTE = '; null in a snapshot taken before 2026-12, which did not record it';

class ReportBrandView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: 'Europe/Paris' }) timezone: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 12 }) fiscalYearStartMonth: number;
}

class PeriodView {
  @ApiProperty({ format: 'date', example: '2026-07-01' }) from: string;
  @ApiProperty({ format: 'date', example: '2026-09-30' }) to: string;
}

export class DeliverableOutcomesView implements DeliverableOutcomes {
  @ApiProperty({ type: 'integer', description: 'Due in the period (cancelled ones aside)' }) due: number;
  @ApiProperty({ type: 'integer', description: 'Published on or before the due date' }) onTime: number;
  @ApiProperty({ type: 'integer', description: 'Published after the due date' }) late: number;
  @ApiProperty({ type: 'integer' }) missed: number;
  @ApiProperty({ type: 'integer', description: 'due − onTime − late − missed, never negative' }) open: number;
}

class TotalsView extends FiguresView {
  @ApiProperty({ type: 'integer', description: 'Relationships with any activity in the period' }) relationships: number;
  @ApiProperty({ type: DeliverableOutcomesView }) deliverables: DeliverableOutcomesView;
}

class ReportMonthView implements ReportMonth {
  @ApiProperty({ example: '2026-07' }) month: string;
  @ApiProperty({ example: '1250.00' }) netRevenue: string;
  @ApiProperty({ example: '800.00' }) spend: string;
  @ApiProperty({ description: 'The month had not ended when the report was built: its figures are to date' }) partial: boolean;
}

class ReportInfluencerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: TIERS, description: "The influencer's current tier" }) tier: Tier;
  @ApiProperty({ type: 'integer', description: 'Followers of the largest account' }) followers: number;
}

class ReportRelationshipRowView implements ReportRelationshipRow {
  @ApiProperty({ type: 'integer', description: '1 = best ROI; without spend (ROI null) last, by net revenue, then name' }) rank: number;
  @ApiProperty({ format: 'uuid' }) relationshipId: string;
  @ApiProperty({ type: ReportInfluencerView }) influencer: ReportInfluencerView;
  @ApiProperty({ type: FiguresView }) figures: FiguresView;
  @ApiProperty({ type: DeliverableOutcomesView }) deliverables: DeliverableOutcomesView;
  @ApiProperty({ ...ACCRUED_THROUGH, description: ACCRUED_THROUGH.description + SNAPSHOT_NOTE }) accruedThrough: string | null;
  @ApiProperty({ ...PENDING_COMMISSION, type: String, nullable: true, description: PENDING_COMMISSION.description + SNAPSHOT_NOTE })
  pendingCommission: string | null;
  @ApiProperty({ ...PAID, type: String, nullable: true, description: PAID.description + SNAPSHOT_NOTE }) paid: string | null;
  @ApiProperty({ ...OWED, type: String, nullable: true, description: OWED.description + SNAPSHOT_NOTE }) owed: string | null;
}

class ReportTierRowView implements ReportTierRow {
  @ApiProperty({ enum: TIERS }) tier: Tier;
  @ApiProperty({ type: 'integer', description: 'Relationships of that tier with any activity in the period' }) relationships: number;
  @ApiProperty({ type: FiguresView }) figures: FiguresView;
}

class RoiPointView {
  @ApiProperty({ example: '2026-Q2' }) quarter: string;
  @ApiProperty({ type: Number, nullable: true, example: 0.4 }) roi: number | null;
}

class RenewalInfluencerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: TIERS }) tier: Tier;
}

class RenewalDueView implements RenewalDue {
  @ApiProperty({ format: 'uuid' }) relationshipId: string;
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ type: RenewalInfluencerView }) influencer: RenewalInfluencerView;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ description: 'Auto-renews (and renewal was not cancelled)' }) autoRenew: boolean;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Last day to cancel: end date − notice period; null without auto-renew',
  })
  noticeDeadline: string | null;
  @ApiProperty({ type: [RoiPointView], description: "ROI in the report's quarter and the three before it, oldest first" })
  roiTrend: RoiPointView[];
}

class ReportAdjustmentView implements ReportAdjustment {
  @ApiProperty({ example: '2026-Q2' }) quarter: string;
  @ApiProperty({ example: '-120.00', description: "Net revenue now minus in that quarter's snapshot" }) netRevenue: string;
  @ApiProperty({ example: '0.00' }) spend: string;
  @ApiProperty({ type: 'integer' }) conversions: number;
}

export class QuarterlyReportView implements QuarterlyReport {
  @ApiProperty({ type: ReportBrandView }) brand: ReportBrandView;
  @ApiProperty({ example: '2026-Q3', description: 'Fiscal quarter of the brand (fiscal year named by the calendar year it starts in)' })
  quarter: string;
  @ApiProperty({ type: PeriodView, description: "Calendar dates in the brand's time zone, both inclusive" }) period: PeriodView;
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ description: "The quarter has ended in the brand's time zone" }) closed: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Set when the figures come from the immutable snapshot taken at quarter close',
  })
  snapshotCreatedAt: string | null;
  @ApiProperty({ ...ACCRUED_THROUGH, description: ACCRUED_THROUGH.description + SNAPSHOT_NOTE }) accruedThrough: string | null;
  @ApiProperty({ ...PENDING_COMMISSION, type: String, nullable: true, description: PENDING_COMMISSION.description + SNAPSHOT_NOTE })
  pendingCommission: string | null;
  @ApiProperty({ ...PAID, type: String, nullable: true, description: PAID.description + SNAPSHOT_NOTE }) paid: string | null;
  @ApiProperty({ ...OWED, type: String, nullable: true, description: OWED.description + SNAPSHOT_NOTE }) owed: string | null;
  @ApiProperty({ type: TotalsView }) totals: TotalsView;
  @ApiProperty({ type: [ReportMonthView], description: 'Every calendar month of the period' }) months: ReportMonthView[];
  @ApiProperty({ type: [ReportRelationshipRowView], description: 'Relationships with activity in the period, best ROI first' })
  relationships: ReportRelationshipRowView[];
  @ApiProperty({ type: [ReportTierRowView], description: 'All five tiers, nano to mega, by current tier' }) tiers: ReportTierRowView[];
  @ApiProperty({ type: [RenewalDueView], description: 'Active terms ending in the next quarter' }) renewalsDueNextQuarter: RenewalDueView[];
  @ApiProperty({
    type: [ReportAdjustmentView],
    description: 'Changes since the snapshots of the four previous quarters (late refunds...), non-zero only',
  })
  adjustments: ReportAdjustmentView[];
}
