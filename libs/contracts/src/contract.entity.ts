import { Column, Entity } from 'typeorm';
import { WorkspaceEntity } from '@app/database';
import type { PlanItem } from '@app/deliverables';

/** `cancelled`: a renewal draft made moot by the termination of the term it would follow (docs/contracts.md). */
export const CONTRACT_STATUSES = ['draft', 'active', 'renewed', 'ended', 'terminated', 'cancelled'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/**
 * One term of a relationship. Dates are calendar dates (YYYY-MM-DD strings) in the brand's time zone,
 * end inclusive; money is numeric(20,4) read as a decimal string, in the brand's currency.
 */
@Entity('contracts')
export class Contract extends WorkspaceEntity {
  @Column('uuid') relationshipId: string;
  @Column('uuid', { nullable: true }) previousContractId: string | null;
  @Column('integer') termNumber: number;
  @Column('text') status: ContractStatus;
  @Column('date') startDate: string;
  @Column('date') endDate: string;
  @Column('char', { length: 3 }) currency: string;
  @Column('numeric', { precision: 20, scale: 4 }) retainerMonthly: string;
  @Column('numeric', { precision: 20, scale: 4 }) feePerDeliverable: string;
  /** Percent 0–100. */
  @Column('numeric', { precision: 7, scale: 4 }) commissionRate: string;
  @Column('numeric', { precision: 20, scale: 4 }) giftingBudget: string;
  @Column('jsonb') deliverablePlan: PlanItem[];
  @Column('boolean') autoRenew: boolean;
  @Column('integer', { nullable: true }) renewalTermMonths: number | null;
  @Column('integer') noticePeriodDays: number;
  @Column('integer', { array: true }) reminderDaysBefore: number[];
  @Column('text', { nullable: true }) exclusivityCategory: string | null;
  @Column('date', { nullable: true }) exclusivityUntil: string | null;
  @Column('date', { nullable: true }) usageRightsUntil: string | null;
  @Column('text', { nullable: true }) notes: string | null;
  @Column('timestamptz', { nullable: true }) autoRenewCancelledAt: Date | null;
  @Column('timestamptz', { nullable: true }) activatedAt: Date | null;
  /** Last day in force of a terminated term. */
  @Column('date', { nullable: true }) terminationDate: string | null;
  @Column('timestamptz', { nullable: true }) terminatedAt: Date | null;
  @Column('text', { nullable: true }) terminationReason: string | null;
  @Column('uuid', { nullable: true }) createdByUserId: string | null;
  /** Terms to accept (libs/contracts/src/terms.ts): when they were last sent, and the acceptance on record. */
  @Column('timestamptz', { nullable: true }) termsSentAt: Date | null;
  @Column('text', { nullable: true }) termsAcceptedName: string | null;
  @Column('timestamptz', { nullable: true }) termsAcceptedAt: Date | null;
  @Column('text', { nullable: true }) termsAcceptedIp: string | null;
  @Column('text', { nullable: true }) termsAcceptedUserAgent: string | null;
  @Column('text', { nullable: true }) termsAcceptedSha256: string | null;
}
