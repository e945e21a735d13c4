import { Column, Entity, PrimaryColumn } from 'typeorm';
import { WorkspaceEntity } from '@app/database';

export const CONVERSION_SOURCES = ['api', 'shopify', 'csv'] as const;
export type ConversionSource = (typeof CONVERSION_SOURCES)[number];
export const CONVERSION_STATUSES = ['pending', 'approved', 'reversed', 'voided'] as const;
export type ConversionStatus = (typeof CONVERSION_STATUSES)[number];
export const ATTRIBUTIONS = ['relationship', 'code', 'link'] as const;
export type AttributedBy = (typeof ATTRIBUTIONS)[number];
export const CUSTOMER_TYPES = ['new', 'returning'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

/**
 * One order, counted once per (workspace, source, externalId). Amounts are numeric(20,4) strings in
 * `currency` (the brand's once attributed); the original currency and net are kept when converted.
 * Written by multi-row SQL (IngestConversions); the entity serves reads and row locks.
 */
@Entity('conversions')
export class Conversion extends WorkspaceEntity {
  @Column('uuid', { nullable: true }) relationshipId: string | null;
  @Column('uuid', { nullable: true }) contractId: string | null;
  @Column('uuid', { nullable: true }) trackingCodeId: string | null;
  @Column('text') source: ConversionSource;
  @Column('text') externalId: string;
  /** Part of the primary key (id, occurred_at): the table is partitioned by its month (docs/scaling.md). */
  @PrimaryColumn('timestamptz') occurredAt: Date;
  @Column('text', { nullable: true }) attributedBy: AttributedBy | null;
  @Column('text', { nullable: true }) customerType: CustomerType | null;
  @Column('char', { length: 3 }) currency: string;
  @Column('numeric') grossAmount: string;
  @Column('numeric') discountAmount: string;
  @Column('numeric') netAmount: string;
  @Column('char', { length: 3, nullable: true }) originalCurrency: string | null;
  @Column('numeric', { nullable: true }) originalNetAmount: string | null;
  @Column('numeric', { nullable: true }) fxRate: string | null;
  @Column('numeric', { nullable: true }) commissionRate: string | null;
  @Column('numeric') commissionAmount: string;
  @Column('numeric') reversedAmount: string;
  @Column('text') status: ConversionStatus;
  @Column('timestamptz', { nullable: true }) approvedAt: Date | null;
  /** Set together with status `voided` (ck_conversions_void): a mistaken conversion kept, counted nowhere. */
  @Column('timestamptz', { nullable: true }) voidedAt: Date | null;
  @Column('uuid', { nullable: true }) voidedByUserId: string | null;
  @Column('uuid', { nullable: true }) voidedByApiKeyId: string | null;
  @Column('text', { nullable: true }) voidReason: string | null;
}
