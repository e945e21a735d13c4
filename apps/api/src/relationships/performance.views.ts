import { ApiProperty } from '@nestjs/swagger';
import { GRANULARITIES, Granularity, Performance, PerformancePoint, RoiTrend } from '@app/reports';
import { ACCRUED_THROUGH, FiguresView, OWED, PAID, PENDING_COMMISSION } from '../reports/figures.views';

export class PerformancePointView extends FiguresView implements PerformancePoint {
  @ApiProperty({ example: '2026-07', description: "YYYY-MM-DD (day), YYYY-MM (month) or the brand's fiscal quarter (2026-Q3)" })
  period: string;
  @ApiProperty({ format: 'date', description: 'First day of the bucket inside the range' }) from: string;
  @ApiProperty({ format: 'date', description: 'Last day of the bucket inside the range' }) to: string;
}

export class PerformanceView implements Performance {
  @ApiProperty({ format: 'uuid' }) relationshipId: string;
  @ApiProperty({ example: 'EUR', description: "The brand's currency" }) currency: string;
  @ApiProperty({ enum: GRANULARITIES }) granularity: Granularity;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({
    type: [PerformancePointView],
    description: 'Every bucket of the range in order, zero-filled; the first and last are clipped to it',
  })
  series: PerformancePointView[];
  @ApiProperty({ type: FiguresView, description: 'The whole range' }) totals: FiguresView;
  @ApiProperty(ACCRUED_THROUGH) accruedThrough: string | null;
  @ApiProperty({ ...PENDING_COMMISSION, description: `${PENDING_COMMISSION.description}; conversions of the range` })
  pendingCommission: string;
  @ApiProperty(PAID) paid: string;
  @ApiProperty(OWED) owed: string;
}

export class RoiPointView {
  @ApiProperty({ example: '2026-Q4', description: "The brand's fiscal quarter" }) quarter: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.25,
    description: '(net revenue − spend) / spend, 4 decimals; null without spend',
  })
  roi: number | null;
}

export class RoiTrendView implements RoiTrend {
  @ApiProperty({ format: 'uuid' }) relationshipId: string;
  @ApiProperty({ type: [RoiPointView], description: 'Oldest first; the last is the current quarter, in progress' }) points: RoiPointView[];
}

export class RoiTrendList {
  @ApiProperty({ type: [RoiTrendView], description: 'One per relationship asked for that exists in the workspace' }) data: RoiTrendView[];
}
