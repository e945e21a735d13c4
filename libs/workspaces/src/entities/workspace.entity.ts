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

  /** activate answers 409 until the ambassador accepted the terms in the portal. */
  @Column('boolean')
  requireTermsAcceptance: boolean;

  /** An approved deliverable's live post URL from the portal publishes it (else the manager publishes). */
  @Column('boolean')
  ambassadorsPublish: boolean;

  @Column('text', { nullable: true, select: false })
  shopifyWebhookSecret: string | null;
}
