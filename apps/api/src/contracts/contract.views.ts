import { ApiProperty } from '@nestjs/swagger';
import { formatMoney } from '@app/common';
import { CONTRACT_STATUSES, ContractRecord, ContractStatus, termInstants } from '@app/contracts';
import type { PlanItem } from '@app/deliverables';
import { ExclusivityRequest, PlanItemRequest } from './contracts.dto';
import { BrandRefView } from '../brands/brand.views';
import { InfluencerRefView } from '../influencers/influencer.views';

const nullable = (type: 'date' | 'date-time' | 'uuid', description?: string) => ({
  type: String,
  format: type,
  nullable: true,
  description,
});

export class TermsAcceptanceView {
  @ApiProperty({ description: 'The full name the ambassador typed' }) name: string;
  @ApiProperty({ format: 'date-time' }) acceptedAt: string;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
  @ApiProperty({ description: 'SHA-256 (hex) of the canonical terms they were shown' }) termsSha256: string;
}

export class ContractView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) relationshipId: string;
  @ApiProperty({ format: 'uuid' }) brandId: string;
  @ApiProperty({ format: 'uuid' }) influencerId: string;
  @ApiProperty({ type: BrandRefView }) brand: BrandRefView;
  @ApiProperty({ type: InfluencerRefView }) influencer: InfluencerRefView;
  @ApiProperty(nullable('uuid', 'The term this one renews')) previousContractId: string | null;
  @ApiProperty({ type: 'integer', minimum: 1 }) termNumber: number;
  @ApiProperty({ enum: CONTRACT_STATUSES }) status: ContractStatus;
  @ApiProperty({ format: 'date', description: "First day, in the brand's time zone" }) startDate: string;
  @ApiProperty({ format: 'date', description: 'Last day, inclusive' }) endDate: string;
  @ApiProperty({ example: 'Europe/Paris', description: "The brand's time zone, in which the dates are read" }) timezone: string;
  @ApiProperty({
    example: '2026-01-01T00:00:00.000+01:00',
    description: 'The instant the term starts: 00:00 of startDate in the brand time zone',
  })
  startsAt: string;
  @ApiProperty({
    example: '2026-07-01T00:00:00.000+02:00',
    description: 'The instant the term ends: 00:00 of the day after endDate in the brand time zone',
  })
  endsAt: string;
  @ApiProperty({ example: 'EUR', description: "The brand's currency" }) currency: string;
  @ApiProperty({ example: '1250.00' }) retainerMonthly: string;
  @ApiProperty({ example: '150.00' }) feePerDeliverable: string;
  @ApiProperty({ example: '500.00' }) giftingBudget: string;
  @ApiProperty({ example: '10', description: 'Percent' }) commissionRate: string;
  @ApiProperty({ type: [PlanItemRequest] }) deliverablePlan: PlanItem[];
  @ApiProperty() autoRenew: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) renewalTermMonths: number | null;
  @ApiProperty({ type: 'integer' }) noticePeriodDays: number;
  @ApiProperty({ type: [Number] }) reminderDaysBefore: number[];
  @ApiProperty({ type: ExclusivityRequest, nullable: true }) exclusivity: ExclusivityRequest | null;
  @ApiProperty(nullable('date')) usageRightsUntil: string | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty(nullable('date-time', 'Set by cancel-auto-renew: the term will not roll over')) autoRenewCancelledAt: Date | null;
  @ApiProperty(nullable('date-time')) activatedAt: Date | null;
  @ApiProperty(nullable('date', 'Last day in force of a terminated term')) terminationDate: string | null;
  @ApiProperty({ type: String, nullable: true }) terminationReason: string | null;
  @ApiProperty(nullable('date-time')) terminatedAt: Date | null;
  @ApiProperty(nullable('uuid')) createdByUserId: string | null;
  @ApiProperty(nullable('date-time', 'When the terms were last emailed to the ambassador to accept')) termsSentAt: Date | null;
  @ApiProperty({
    type: TermsAcceptanceView,
    nullable: true,
    description: "The ambassador's acceptance of these terms in the portal; null before, and again after a change to the draft",
  })
  termsAcceptance: TermsAcceptanceView | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class ContractList {
  @ApiProperty({ type: [ContractView] }) data: ContractView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

/** Money with the currency's minor units ("1250.00", not the stored "1250.0000"); the term as instants too. */
export function toContractView(record: ContractRecord): ContractView {
  const { exclusivityCategory, exclusivityUntil, ...rest } = record;
  const money = (value: string) => formatMoney(value, record.currency);
  return {
    ...rest,
    ...termInstants(record, record.timezone),
    retainerMonthly: money(record.retainerMonthly),
    feePerDeliverable: money(record.feePerDeliverable),
    giftingBudget: money(record.giftingBudget),
    exclusivity: exclusivityCategory && exclusivityUntil ? { category: exclusivityCategory, until: exclusivityUntil } : null,
  };
}
