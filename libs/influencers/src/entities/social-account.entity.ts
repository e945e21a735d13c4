import { Column, Entity, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { bigintNumber, WorkspaceEntity } from '@app/database';
import type { Platform } from '../influencer-input';
import { Influencer } from './influencer.entity';

@Entity('social_accounts')
export class SocialAccount extends WorkspaceEntity {
  @Column('uuid')
  influencerId: string;

  @Column('text')
  platform: Platform;

  /** Without the leading "@"; unique per platform and workspace, case-insensitively. */
  @Column('text')
  handle: string;

  @Column('text', { nullable: true })
  url: string | null;

  @Column('bigint', { transformer: bigintNumber })
  followers: number;

  /** Percent as numeric(7,4): a decimal string, never a float. */
  @Column('numeric', { precision: 7, scale: 4, nullable: true })
  engagementRate: string | null;

  @Column('date', { nullable: true })
  asOf: string | null;

  @ManyToOne(() => Influencer, (influencer) => influencer.socialAccounts, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'influencer_id' })
  influencer?: Relation<Influencer>;
}
