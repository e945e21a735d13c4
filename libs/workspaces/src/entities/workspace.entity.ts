import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@app/database';
import type { TierThresholds } from '@app/influencers';

/** The actions of a metric snapshot that EMV values (docs/metrics.md); a rate is a decimal string in the brand's currency. */
export const EMV_ACTIONS = ['impressions', 'views', 'likes', 'comments', 'shares', 'saves', 'clicks'] as const;
export type EmvRates = Partial<Record<(typeof EMV_ACTIONS)[number], string>>;

@Entity('workspaces')
export class Workspace extends BaseEntity {
  @Column('text')
  name: string;

  @Column('jsonb')
  tierThresholds: TierThresholds;

  @Column('integer')
  conversionLockDays: number;

  @Column('jsonb')
  emvRates: EmvRates;

  @Column('text', { nullable: true, select: false })
  shopifyWebhookSecret: string | null;
}
