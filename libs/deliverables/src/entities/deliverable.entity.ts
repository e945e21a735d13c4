import { Column, Entity } from 'typeorm';
import { bigintNumber, WorkspaceEntity } from '@app/database';
import type { DeliverableType } from '../plan';
import type { DeliverableStatus } from '../transitions';

@Entity('deliverables')
export class Deliverable extends WorkspaceEntity {
  @Column('uuid') contractId: string;
  /** Denormalised from the contract so rollups and filters by relationship need no join. */
  @Column('uuid') relationshipId: string;
  @Column('uuid', { nullable: true }) socialAccountId: string | null;
  @Column('text') type: DeliverableType;
  @Column('text') platform: string;
  /** Calendar date in the brand's time zone. */
  @Column('date') dueDate: string;
  @Column('text') status: DeliverableStatus;
  @Column('text', { nullable: true }) brief: string | null;
  @Column('text', { nullable: true }) contentUrl: string | null;
  @Column('text', { nullable: true }) caption: string | null;
  /** The latest request-changes comment; earlier ones are in the activity log. */
  @Column('text', { nullable: true }) reviewComment: string | null;
  @Column('text', { nullable: true }) postUrl: string | null;
  @Column('timestamptz', { nullable: true }) publishedAt: Date | null;
  /** The audience when published: the denominator of the engagement rate, frozen so later growth does not change it. */
  @Column('bigint', { nullable: true, transformer: bigintNumber }) followersAtPublish: number | null;
  /** numeric(20,4) as a decimal string, in the contract's currency. */
  @Column('numeric', { precision: 20, scale: 4 }) fee: string;
  @Column('timestamptz', { nullable: true }) submittedAt: Date | null;
  @Column('timestamptz', { nullable: true }) approvedAt: Date | null;
  @Column('timestamptz', { nullable: true }) missedAt: Date | null;
  @Column('timestamptz', { nullable: true }) cancelledAt: Date | null;
}
