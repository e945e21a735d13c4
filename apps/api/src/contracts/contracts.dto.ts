import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsMoney, Omittable, PageQuery } from '@app/common';
import { CONTRACT_STATUSES, ContractStatus } from '@app/contracts';
import { DELIVERABLE_TYPES, DeliverableType, PlanItem } from '@app/deliverables';
import { Platform, PLATFORMS } from '@app/influencers';
import { Trim } from '../core/transforms';
import { DecimalString, IsCalendarDate, IsPercentage, oneOf } from '../core/validators';

const PERIODS = ['month', 'term'] as const;
const money = (example: string, description: string) => ({
  example,
  default: '0',
  description: `${description}; a decimal string in the brand's currency and its minor units`,
});

/** Also the shape contracts answer with. */
export class PlanItemRequest implements PlanItem {
  @ApiProperty({ enum: DELIVERABLE_TYPES }) @IsIn(DELIVERABLE_TYPES, oneOf(DELIVERABLE_TYPES)) type: DeliverableType;
  @ApiProperty({ enum: PLATFORMS }) @IsIn(PLATFORMS, oneOf(PLATFORMS)) platform: Platform;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, example: 2 }) @IsInt() @Min(1) @Max(100) quantity: number;
  @ApiProperty({ enum: PERIODS, description: 'Per calendar month of the term (counted from the start date) or for the whole term' })
  @IsIn(PERIODS, oneOf(PERIODS))
  per: 'month' | 'term';
}

export class ExclusivityRequest {
  @ApiProperty({ example: 'outdoor apparel' }) @Trim() @IsString() @MinLength(1) @MaxLength(200) category: string;
  @ApiProperty({ format: 'date', example: '2026-12-31' }) @IsCalendarDate() until: string;
}

/** The terms of the deal: what create, PATCH and renew overrides share. null clears the nullable ones. */
export class ContractTermsRequest {
  @ApiPropertyOptional(money('1250.00', 'Retainer per month')) @Omittable() @IsMoney() retainerMonthly?: string;
  @ApiPropertyOptional(money('150.00', 'Fee per deliverable')) @Omittable() @IsMoney() feePerDeliverable?: string;
  @ApiPropertyOptional(money('500.00', 'Gifting/product budget for the term')) @Omittable() @IsMoney() giftingBudget?: string;

  @ApiPropertyOptional({ example: '10', default: '0', description: 'Commission in percent, 0–100, at most 4 decimals' })
  @Omittable()
  @DecimalString()
  @IsPercentage()
  commissionRate?: string;

  @ApiPropertyOptional({ type: [PlanItemRequest], description: 'Generated as planned deliverables at activation' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PlanItemRequest)
  deliverablePlan?: PlanItemRequest[];

  @ApiPropertyOptional({ default: false }) @Omittable() @IsBoolean() autoRenew?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 60,
    nullable: true,
    description: 'Length of a renewal; required when autoRenew is true',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  renewalTermMonths?: number | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 365, default: 0 })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(365)
  noticePeriodDays?: number;

  @ApiPropertyOptional({
    type: [Number],
    example: [60, 30, 7],
    default: [60, 30, 7],
    description: 'Renewal reminders, days before the end date: each 1–365, distinct',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique({ message: 'must not repeat a day' })
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(365, { each: true })
  reminderDaysBefore?: number[];

  @ApiPropertyOptional({ type: ExclusivityRequest, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExclusivityRequest)
  exclusivity?: ExclusivityRequest | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true }) @IsOptional() @IsCalendarDate() usageRightsUntil?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(10_000) notes?: string | null;
}

export class CreateContractRequest extends ContractTermsRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() relationshipId: string;
  @ApiProperty({ format: 'date', example: '2026-01-01', description: "First day, in the brand's time zone" })
  @IsCalendarDate()
  startDate: string;
  @ApiProperty({ format: 'date', example: '2026-06-30', description: 'Last day (inclusive), after startDate' })
  @IsCalendarDate()
  endDate: string;
}

/** Only while draft. The currency is always the brand's and is not accepted. */
export class UpdateContractRequest extends PartialType(OmitType(CreateContractRequest, ['relationshipId'] as const), {
  skipNullProperties: false,
}) {}

export class RenewContractRequest {
  @ApiPropertyOptional({ format: 'date', description: 'Default: after renewalTermMonths, else as long as the current term' })
  @Omittable()
  @IsCalendarDate()
  endDate?: string;

  @ApiPropertyOptional({ type: ContractTermsRequest, description: 'Terms of the next contract that differ; the rest is copied' })
  @Omittable()
  @ValidateNested()
  @Type(() => ContractTermsRequest)
  overrides?: ContractTermsRequest;
}

export class TerminateContractRequest {
  @ApiPropertyOptional({ format: 'date', description: "Last day in force, within the term; default: today in the brand's time zone" })
  @Omittable()
  @IsCalendarDate()
  effectiveDate?: string;

  @ApiProperty({ example: 'Brand strategy changed' }) @Trim() @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

export class ListContractsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CONTRACT_STATUSES })
  @IsOptional()
  @IsIn(CONTRACT_STATUSES, oneOf(CONTRACT_STATUSES))
  status?: ContractStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() brandId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() relationshipId?: string;
  @ApiPropertyOptional({ format: 'date', example: '2026-09-30', description: 'End date strictly before this date: the renewal pipeline' })
  @IsOptional()
  @IsCalendarDate()
  endingBefore?: string;
}

/** POST /v1/deliverables: a deliverable added by hand to a draft or active contract. */
export class AddDeliverableRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() contractId: string;
  @ApiProperty({ enum: DELIVERABLE_TYPES }) @IsIn(DELIVERABLE_TYPES, oneOf(DELIVERABLE_TYPES)) type: DeliverableType;
  @ApiProperty({ enum: PLATFORMS }) @IsIn(PLATFORMS, oneOf(PLATFORMS)) platform: Platform;
  @ApiProperty({ format: 'date', example: '2026-03-15', description: 'Within the contract term' }) @IsCalendarDate() dueDate: string;
  @ApiPropertyOptional() @Omittable() @IsString() @MaxLength(10_000) brief?: string;
  @ApiPropertyOptional({ example: '150.00', description: "Default: the contract's fee per deliverable" })
  @Omittable()
  @IsMoney()
  fee?: string;
  @ApiPropertyOptional({ format: 'uuid', description: "One of the influencer's accounts, on this platform" })
  @Omittable()
  @IsUUID()
  socialAccountId?: string;
}
