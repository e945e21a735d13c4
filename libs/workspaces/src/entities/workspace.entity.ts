import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@app/database';

export interface TierThresholds {
  micro: number;
  mid: number;
  macro: number;
  mega: number;
}

@Entity('workspaces')
export class Workspace extends BaseEntity {
  @Column('text')
  name: string;

  @Column('jsonb')
  tierThresholds: TierThresholds;

  @Column('integer')
  conversionLockDays: number;

  @Column('jsonb')
  emvRates: Record<string, string>;

  @Column('text', { nullable: true, select: false })
  shopifyWebhookSecret: string | null;
}
