import { Column, Entity } from 'typeorm';
import { WorkspaceEntity } from '@app/database';

/** One payout run: a period end, optionally one brand, and the minimum it applied. Its payouts carry the statuses. */
@Entity('payout_runs')
export class PayoutRun extends WorkspaceEntity {
  @Column('uuid', { nullable: true }) brandId: string | null;
  /** Calendar day: entries incurred on or before it (in their brand's zone) are taken. */
  @Column('date') periodEnd: string;
  @Column('numeric', { precision: 20, scale: 4 }) minimum: string;
  @Column('uuid', { nullable: true }) createdByUserId: string | null;
}
