import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsCurrencyCode, IsMoney, Omittable, PageQuery } from '@app/common';
import {
  PAYOUT_METHOD_KINDS,
  PAYOUT_SORTS,
  PAYOUT_STATUSES,
  PayoutMethodKind,
  PayoutSort,
  PayoutStatus,
  RUN_EXPORT_FORMATS,
  RunExportFormat,
  WISE_RECEIVER_TYPES,
} from '@app/payouts';
import { Trim, UpperCase } from '../core/transforms';
import { IsCalendarDate, oneOf, Timestamp } from '../core/validators';

const detail = (description: string, example: string) => ApiPropertyOptional({ description, example });
const Text = (max: number) => applyDecorators(Omittable(), Trim(), IsString(), MinLength(1), MaxLength(max));

/** The details each kind needs (docs/payouts.md#payout-methods); a detail of another kind is refused. */
export class PutPayoutMethodRequest {
  @ApiProperty({ enum: PAYOUT_METHOD_KINDS }) @IsIn(PAYOUT_METHOD_KINDS, oneOf(PAYOUT_METHOD_KINDS)) kind: PayoutMethodKind;
  @detail('paypal, wise: the account email', 'ana@example.com') @Text(254) email?: string;
  @detail('wise, bank_transfer: as on the account', 'Ana Lima') @Text(200) accountHolderName?: string;
  @ApiPropertyOptional({ enum: WISE_RECEIVER_TYPES, description: 'wise: default PRIVATE' })
  @Omittable()
  @IsIn(WISE_RECEIVER_TYPES, oneOf(WISE_RECEIVER_TYPES))
  receiverType?: (typeof WISE_RECEIVER_TYPES)[number];
  @detail('bank_transfer: IBAN (checked), or accountNumber + bankCode', 'FR1420041010050500013M02606') @Text(42) iban?: string;
  @detail('bank_transfer: optional BIC/SWIFT', 'BNPAFRPP') @Text(11) bic?: string;
  @detail('bank_transfer without IBAN', '123456789') @Text(34) accountNumber?: string;
  @detail('bank_transfer with accountNumber: routing number, sort code...', '021000021') @Text(20) bankCode?: string;
  @detail('other: how to pay', 'Cheque to the agency, 1 rue de la Paix, Paris') @Text(1_000) instructions?: string;
}

export class UpdatePayoutSettingsRequest {
  @ApiProperty({ example: '50.00', description: "Smallest payout, in units of each payout's currency (50.00 EUR, 50 JPY, 50.000 KWD)" })
  @IsMoney()
  minimum: string;
}

export class CreatePayoutRunRequest {
  @ApiProperty({
    format: 'date',
    example: '2026-03-31',
    description: "Last day taken, a calendar day in each brand's time zone; not after today",
  })
  @IsCalendarDate()
  periodEnd: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Only this brand's entries; default: every brand of the workspace" })
  @Omittable()
  @IsUUID('all')
  brandId?: string;
}

export class MarkPaidRequest {
  @ApiProperty({ example: 'PP-BATCH-2026-04-01', description: 'The payment rail’s reference (batch id, transfer id...)' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When it was paid; default now; not in the future' })
  @IsOptional()
  @Timestamp()
  paidAt?: string;
}

export class FailPayoutRequest {
  @ApiProperty({ example: 'PayPal account unconfirmed' }) @Trim() @IsString() @MinLength(1) @MaxLength(2_000) reason: string;
}

export class CancelPayoutRequest {
  @ApiPropertyOptional({ example: 'Wrong period' }) @Text(2_000) reason?: string;
}

export class ListPayoutsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') runId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') influencerId?: string;
  @ApiPropertyOptional({ enum: PAYOUT_STATUSES }) @IsOptional() @IsIn(PAYOUT_STATUSES, oneOf(PAYOUT_STATUSES)) status?: PayoutStatus;
  @ApiPropertyOptional({ enum: PAYOUT_SORTS, default: 'newest', description: "newest first, or by the payee's name (a run's payouts)" })
  @IsOptional()
  @IsIn(PAYOUT_SORTS, oneOf(PAYOUT_SORTS))
  sort: PayoutSort = 'newest';
}

export class ListBalancesQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'EUR' }) @IsOptional() @UpperCase() @IsCurrencyCode() currency?: string;
}

export class RunExportQuery {
  @ApiPropertyOptional({ enum: RUN_EXPORT_FORMATS, default: 'plain' })
  @IsOptional()
  @IsIn(RUN_EXPORT_FORMATS, oneOf(RUN_EXPORT_FORMATS))
  format: RunExportFormat = 'plain';
  @ApiPropertyOptional({ example: 'EUR', description: 'paypal, wise: one file per currency; needed when the run pays in several' })
  @IsOptional()
  @UpperCase()
  @IsCurrencyCode()
  currency?: string;
}

export class EarningsQuery {
  @ApiProperty({ example: 2026, description: 'Calendar year' }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year: number;
}
