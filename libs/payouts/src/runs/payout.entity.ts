import { Column, Entity } from 'typeorm';
import { WorkspaceEntity } from '@app/database';
import type { PayoutStatus } from './payout-transitions';

/** What one payee is paid in one currency by one run; its entries are in payout_entries (docs/payouts.md). */
@Entity('payouts')
export class Payout extends WorkspaceEntity {
  @Column('uuid') runId: string;
  @Column('uuid') influencerId: string;
  @Column('char', { length: 3 }) currency: string;
  /** numeric(20,4), always whole minor units of the currency: the sum of its linked entries. */
  @Column('numeric', { precision: 20, scale: 4 }) amount: string;
  @Column('text') status: PayoutStatus;
  @Column('timestamptz', { nullable: true }) approvedAt: Date | null;
  @Column('uuid', { nullable: true }) approvedByUserId: string | null;
  @Column('timestamptz', { nullable: true }) paidAt: Date | null;
  @Column('text', { nullable: true }) reference: string | null;
  @Column('text', { nullable: true }) failureReason: string | null;
  /** When it became paid, failed or cancelled. */
  @Column('timestamptz', { nullable: true }) closedAt: Date | null;
}
