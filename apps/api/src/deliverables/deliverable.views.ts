import { ApiProperty } from '@nestjs/swagger';
import { formatMoney } from '@app/common';
import {
  DELIVERABLE_STATUSES,
  DELIVERABLE_TYPES,
  DeliverableRecord,
  DeliverableStatus,
  DeliverableType,
  MetricCounts,
} from '@app/deliverables';
import { BrandRefView } from '../brands/brand.views';
import { InfluencerRefView } from '../influencers/influencer.views';

export class MetricsView implements MetricCounts {
  @ApiProperty({ type: 'integer' }) impressions: number;
  @ApiProperty({ type: 'integer' }) reach: number;
  @ApiProperty({ type: 'integer' }) views: number;
  @ApiProperty({ type: 'integer' }) likes: number;
  @ApiProperty({ type: 'integer' }) comments: number;
  @ApiProperty({ type: 'integer' }) shares: number;
  @ApiProperty({ type: 'integer' }) saves: number;
  @ApiProperty({ type: 'integer' }) clicks: number;
  @ApiProperty() capturedAt: Date;
}

export class MetricSnapshotView extends MetricsView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) deliverableId: string;
  @ApiProperty() createdAt: Date;
}

export class DeliverableView implements DeliverableRecord {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) contractId: string;
  @ApiProperty({ format: 'uuid' }) relationshipId: string;
  @ApiProperty({ format: 'uuid' }) brandId: string;
  @ApiProperty({ format: 'uuid' }) influencerId: string;
  @ApiProperty({ type: BrandRefView }) brand: BrandRefView;
  @ApiProperty({ type: InfluencerRefView }) influencer: InfluencerRefView;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) socialAccountId: string | null;
  @ApiProperty({ enum: DELIVERABLE_TYPES }) type: DeliverableType;
  @ApiProperty({ example: 'instagram' }) platform: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty({ enum: DELIVERABLE_STATUSES }) status: DeliverableStatus;
  @ApiProperty({ description: "Due before today in the brand's time zone and still open" }) overdue: boolean;
  @ApiProperty({ type: String, nullable: true }) brief: string | null;
  @ApiProperty({ type: String, nullable: true }) contentUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) caption: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The latest request-changes comment' }) reviewComment: string | null;
  @ApiProperty({ type: String, nullable: true }) postUrl: string | null;
  @ApiProperty({ type: Date, nullable: true }) publishedAt: Date | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Audience of the account when published: the engagement-rate denominator' })
  followersAtPublish: number | null;
  @ApiProperty({ example: '150.00' }) fee: string;
  @ApiProperty({ example: 'EUR', description: "The contract's currency" }) currency: string;
  @ApiProperty({ type: Date, nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) approvedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) missedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) cancelledAt: Date | null;
  @ApiProperty({ type: MetricsView, nullable: true, description: 'The latest snapshot' }) metrics: MetricsView | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'likes + comments + shares + saves of the latest snapshot' }) engagements:
    number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '0.0523',
    description: 'engagements / followersAtPublish, a ratio with 4 decimals',
  })
  engagementRate: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class DeliverableList {
  @ApiProperty({ type: [DeliverableView] }) data: DeliverableView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

/** Money leaves the API with the currency's minor units: "150.00", not the stored "150.0000". */
export function toDeliverableView(record: DeliverableRecord): DeliverableView {
  return { ...record, fee: formatMoney(record.fee, record.currency) };
}
