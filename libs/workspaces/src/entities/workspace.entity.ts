import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@app/database';
import type { TierThresholds } from '@app/influencers';
import type { EmvRates } from '@app/rollups';

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
