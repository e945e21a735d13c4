import { ApiProperty } from '@nestjs/swagger';
import { Figures } from '@app/rollups';

const money = (description: string) => ({
  example: '1250.00',
  description: `${description}; decimal string in the currency's minor units`,
});
const nullableMoney = (description: string) => ({
  type: String,
  nullable: true,
  example: '12.50',
  description: `${description}; null when the denominator is 0`,
});
const nullableRatio = (description: string) => ({
  type: Number,
  nullable: true,
  example: 0.25,
  description: `${description}, 4 decimals; null when the denominator is 0`,
});

/** Beside every set of figures (docs/reports.md): what their spend does not hold yet. */
export const ACCRUED_THROUGH = {
  type: String,
  format: 'date',
  nullable: true,
  example: '2026-12-04',
  description:
    "The last day whose retainer is in the figures: every term in force in the period has accrued through it (the hourly costs.accrue, or the term's activation), never after the period or today; null when no term of the period has a retainer",
};
/** Beside spend (docs/payouts.md): of the period's payable spend, what payouts marked paid hold and what they do not. */
export const PAID = {
  example: '1200.00',
  description:
    "Of the period's spend owed to ambassadors (retainers, fees, commissions, bonuses, adjustments), what is in payouts marked paid",
};
export const OWED = {
  example: '150.00',
  description:
    "Of the period's spend owed to ambassadors, what no paid payout holds yet (unpaid or in open payouts; negative after a clawback)",
};

export const PENDING_COMMISSION = {
  example: '37.50',
  description:
    "Commission on the period's conversions still pending (approved after the workspace's lock period): owed, not in spend (nor ROI) yet; decimal string in the currency's minor units",
};

export class SpendByKindView {
  @ApiProperty(money('Retainers accrued')) retainer: string;
  @ApiProperty(money('Fees of published deliverables')) deliverableFee: string;
  @ApiProperty(money('Commission of approved conversions')) commission: string;
  @ApiProperty(money('Product and gifting')) product: string;
  @ApiProperty(money('Other costs and corrections')) other: string;
}

/** The metric definitions of docs/metrics.md, as every report and series answers them. */
export class FiguresView implements Figures {
  @ApiProperty({ type: 'integer' }) conversions: number;
  @ApiProperty(money('Net amount of conversions (pending and approved) by conversion day')) revenue: string;
  @ApiProperty(money('Refunds by reversal day')) reversals: string;
  @ApiProperty(money('revenue − reversals')) netRevenue: string;
  @ApiProperty(money('retainer + deliverable fees + commission + product + other')) spend: string;
  @ApiProperty({ type: SpendByKindView }) spendByKind: SpendByKindView;
  @ApiProperty(money("Earned media value: action counts × the workspace's EMV rates")) emv: string;
  @ApiProperty({ type: 'integer' }) impressions: number;
  @ApiProperty({ type: 'integer' }) reach: number;
  @ApiProperty({ type: 'integer' }) views: number;
  @ApiProperty({ type: 'integer', description: 'likes + comments + shares + saves' }) engagements: number;
  @ApiProperty({ type: 'integer' }) clicks: number;
  @ApiProperty(nullableRatio('(net revenue − spend) / spend, as a fraction (0.25 = 25 %)')) roi: number | null;
  @ApiProperty(nullableRatio('net revenue / spend')) roas: number | null;
  @ApiProperty(nullableMoney('Cost per acquisition: spend / conversions')) cpa: string | null;
  @ApiProperty(nullableMoney('Cost per engagement: spend / engagements')) cpe: string | null;
  @ApiProperty(nullableMoney('Cost per mille: spend / impressions × 1000')) cpm: string | null;
  @ApiProperty(nullableRatio('engagements / followers of the accounts at publication')) engagementRate: number | null;
}
