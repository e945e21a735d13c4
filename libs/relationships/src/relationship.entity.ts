import { Column, Entity } from 'typeorm';
import { WorkspaceEntity } from '@app/database';

export const RELATIONSHIP_STATUSES = ['prospect', 'active', 'lapsed', 'ended'] as const;
export type RelationshipStatus = (typeof RELATIONSHIP_STATUSES)[number];

/** One brand × one influencer (unique pair per workspace): the unit of rollups and ROI. */
@Entity('relationships')
export class Relationship extends WorkspaceEntity {
  @Column('uuid')
  brandId: string;

  @Column('uuid')
  influencerId: string;

  /** The brand manager in charge; null when created by an API key without one, or after the user is deleted. */
  @Column('uuid', { nullable: true })
  ownerUserId: string | null;

  /**
   * Derived from the contracts and stored, so lists filter on an index. Only the contracts use cases
   * write it (through RelationshipsService.setStatus, in their transaction); the rule is in docs/contracts.md.
   */
  @Column('text')
  status: RelationshipStatus;

  @Column('text', { nullable: true })
  notes: string | null;
}
