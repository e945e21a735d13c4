import { ApiProperty } from '@nestjs/swagger';
import { ActivityEntry } from '@app/activity';
import { CONTRACT_STATUSES, ContractStatus, TermSummary } from '@app/contracts';
import { TIERS, Tier } from '@app/influencers';
import { QuarterFigures, Relationship, RelationshipListItem, RELATIONSHIP_STATUSES, RelationshipStatus } from '@app/relationships';
import { BrandRefView } from '../brands/brand.views';
import { ContractView } from '../contracts/contract.views';
import { InfluencerRefView } from '../influencers/influencer.views';
import { ACCRUED_THROUGH, FiguresView, OWED, PAID, PENDING_COMMISSION } from '../reports/figures.views';

export class RelationshipView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) brandId: string;
  @ApiProperty({ format: 'uuid' }) influencerId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerUserId: string | null;
  @ApiProperty({ enum: RELATIONSHIP_STATUSES, description: 'Derived from the contracts: see docs/contracts.md' })
  status: RelationshipStatus;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class QuarterFiguresView implements QuarterFigures {
  @ApiProperty({ example: '2026-Q4', description: "The brand's current fiscal quarter (today in the brand's time zone)" }) quarter: string;
  @ApiProperty({ example: '1250.00', description: "Net revenue so far this quarter; decimal string in the brand's currency" })
  netRevenue: string;
  @ApiProperty({ example: '900.00', description: 'Spend so far this quarter' }) spend: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.3889,
    description: '(net revenue − spend) / spend, 4 decimals; null without spend',
  })
  roi: number | null;
}

export class RelationshipListItemView extends RelationshipView {
  @ApiProperty({ type: BrandRefView }) brand: BrandRefView;
  @ApiProperty({ type: InfluencerRefView }) influencer: InfluencerRefView;
  @ApiProperty({ enum: TIERS, description: "The influencer's tier" }) tier: Tier;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: "The current term's last day (the active term, else the latest not cancelled; its termination date when terminated)",
  })
  termEnd: string | null;
  @ApiProperty({ type: QuarterFiguresView, description: 'From the monthly rollups (docs/metrics.md)' }) currentQuarter: QuarterFiguresView;
}

export class RelationshipList {
  @ApiProperty({ type: [RelationshipListItemView] }) data: RelationshipListItemView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class BrandSummary extends BrandRefView {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: 'Europe/Paris' }) timezone: string;
}

export class InfluencerSummary extends InfluencerRefView {
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ example: 'micro' }) tier: string;
}

export class TermView implements TermSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer' }) termNumber: number;
  @ApiProperty({ enum: CONTRACT_STATUSES }) status: ContractStatus;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) terminationDate: string | null;
}

export class RelationshipDetailView extends RelationshipView {
  @ApiProperty({ type: BrandSummary }) brand: BrandSummary;
  @ApiProperty({ type: InfluencerSummary }) influencer: InfluencerSummary;
  @ApiProperty({ type: ContractView, nullable: true, description: 'The active term, else the latest one (cancelled renewal drafts aside)' })
  currentContract: ContractView | null;
  @ApiProperty({ type: [TermView], description: 'Every term, first to last' }) renewalChain: TermView[];

  @ApiProperty({
    type: FiguresView,
    description: 'All-time figures from the rollups (docs/metrics.md); per period: GET /v1/relationships/:id/performance',
  })
  figures: FiguresView;
  @ApiProperty(ACCRUED_THROUGH) accruedThrough: string | null;
  @ApiProperty({ ...PENDING_COMMISSION, description: `${PENDING_COMMISSION.description}; all of the relationship's pending conversions` })
  pendingCommission: string;
  @ApiProperty(PAID) paid: string;
  @ApiProperty(OWED) owed: string;
}

export class ActivityView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'contract' }) entityType: string;
  @ApiProperty({ format: 'uuid' }) entityId: string;
  @ApiProperty({ example: 'activated' }) action: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{field: {from, to}} for updates, the salient values otherwise' })
  changes: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who: the user...' }) actorUserId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '...or the API key' }) actorApiKeyId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '...or the ambassador, in the portal' })
  actorInfluencerId: string | null;
  @ApiProperty() createdAt: Date;
}

export class ActivityList {
  @ApiProperty({ type: [ActivityView] }) data: ActivityView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export const toRelationshipView = ({
  id,
  brandId,
  influencerId,
  ownerUserId,
  status,
  notes,
  createdAt,
  updatedAt,
}: Relationship): RelationshipView => ({
  id,
  brandId,
  influencerId,
  ownerUserId,
  status,
  notes,
  createdAt,
  updatedAt,
});

export const toRelationshipListItemView = (item: RelationshipListItem): RelationshipListItemView => ({
  ...toRelationshipView(item),
  brand: item.brand,
  influencer: item.influencer,
  tier: item.tier,
  termEnd: item.termEnd,
  currentQuarter: item.currentQuarter,
});

export const toActivityView = ({
  id,
  entityType,
  entityId,
  action,
  changes,
  actorUserId,
  actorApiKeyId,
  actorInfluencerId,
  createdAt,
}: ActivityEntry): ActivityView => ({
  id,
  entityType,
  entityId,
  action,
  changes,
  actorUserId,
  actorApiKeyId,
  actorInfluencerId,
  createdAt,
});
