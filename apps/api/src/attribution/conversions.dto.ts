import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { IsCurrencyCode, IsMoney, Omittable, PageQuery, ShallowBody } from '@app/common';
import { CONVERSION_STATUSES, ConversionInput, ConversionStatus, CUSTOMER_TYPES, CustomerType } from '@app/attribution';
import { oneOf, Timestamp } from '../core/validators';

const API_SOURCES = ['api', 'csv'] as const;

/** numeric(20,10): up to 10 integer and 10 decimal digits, and a rate of 0 would erase the amount. */
const IsFxRate = () =>
  ValidateBy({
    name: 'isFxRate',
    validator: {
      validate: (value) => typeof value === 'string' && /^\d{1,10}(\.\d{1,10})?$/.test(value) && /[1-9]/.test(value),
      defaultMessage: () => 'must be a decimal string greater than 0 with at most 10 decimals, such as "0.9215"',
    },
  });

/** One conversion; the batch route validates each of its items against this same class. */
export class CreateConversionRequest implements ConversionInput {
  @ApiProperty({ enum: API_SOURCES, description: 'shopify conversions arrive through the signed webhook only' })
  @IsIn(API_SOURCES, oneOf(API_SOURCES))
  source: 'api' | 'csv';
  @ApiProperty({ example: 'order-10045', description: 'Unique per source: re-sending it changes nothing' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  externalId: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-01T18:00:00+01:00' }) @Timestamp() occurredAt: string;
  @ApiProperty({ example: '120.00', description: 'Gross, before discount' }) @IsMoney() amount: string;
  @ApiPropertyOptional({ example: '12.00', default: '0' }) @Omittable() @IsMoney() discount?: string;
  @ApiProperty({ example: 'EUR' }) @IsCurrencyCode() currency: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Explicit attribution; wins over code and link' })
  @Omittable()
  @IsUUID()
  relationshipId?: string;
  @ApiPropertyOptional({ example: 'ANNA10', description: 'Discount code (any case), valid at occurredAt' })
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  code?: string;
  @ApiPropertyOptional({ example: 'anna-summer', description: 'Link slug, when there is no code' })
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  link?: string;
  @ApiPropertyOptional({ enum: CUSTOMER_TYPES }) @Omittable() @IsIn(CUSTOMER_TYPES, oneOf(CUSTOMER_TYPES)) customerType?: CustomerType;
  @ApiPropertyOptional({ example: '0.9215', description: 'Brand currency per unit of `currency`; required when they differ' })
  @Omittable()
  @IsFxRate()
  fxRate?: string;
  @ApiPropertyOptional({ description: 'Keep it without a relationship when the code or link is unknown or out of its window' })
  @Omittable()
  @IsBoolean()
  unattributed?: boolean;
}

@ShallowBody()
export class BatchConversionsRequest {
  @ApiProperty({
    type: [CreateConversionRequest],
    maxItems: 5000,
    description: 'Each item is validated on its own: invalid items are reported, valid ones kept',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsObject({ each: true, message: 'each item must be an object' })
  // Neither @ValidateNested (one bad item would fail the batch) nor @Type (an instance per item): the pipe
  // leaves the items as received (@ShallowBody) and validateBatch checks each against CreateConversionRequest.
  conversions: Record<string, unknown>[];
}

/** Why a refund or a void: kept with it, shown in the activity log. */
const Reason = (example: string) => applyDecorators(ApiProperty({ example }), IsString(), MinLength(1), MaxLength(1000));

export class ReverseConversionRequest {
  @ApiPropertyOptional({ example: '20.00', description: 'Default: everything not yet reversed' }) @Omittable() @IsMoney() amount?: string;
  @Reason('Customer returned the item') reason: string;
}

export class VoidConversionRequest {
  @Reason('Test order sent by mistake') reason: string;
}

export class ListConversionsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() relationshipId?: string;
  @ApiPropertyOptional({ enum: CONVERSION_STATUSES })
  @IsOptional()
  @IsIn(CONVERSION_STATUSES, oneOf(CONVERSION_STATUSES))
  status?: ConversionStatus;
  @ApiPropertyOptional({ format: 'date-time', description: 'occurredAt >= from' }) @IsOptional() @Timestamp() from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'occurredAt < to' }) @IsOptional() @Timestamp() to?: string;
}

export class ShopifySettingsRequest {
  @ApiProperty({ description: "The app's shared secret that signs webhooks; stored, never returned" })
  @IsString()
  @MinLength(8)
  @MaxLength(500)
  secret: string;
}
