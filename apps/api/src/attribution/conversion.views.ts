import { ApiProperty } from '@nestjs/swagger';
import { currencyMinorUnits } from '@app/common';
import {
  ATTRIBUTIONS,
  AttributedBy,
  Conversion,
  CONVERSION_SOURCES,
  CONVERSION_STATUSES,
  ConversionSource,
  ConversionStatus,
  CustomerType,
} from '@app/attribution';
import { roundTo } from '@app/common';

export class ConversionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: kept unattributed for review' }) relationshipId:
    string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The term in force at occurredAt' }) contractId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) trackingCodeId: string | null;
  @ApiProperty({ enum: CONVERSION_SOURCES }) source: ConversionSource;
  @ApiProperty() externalId: string;
  @ApiProperty() occurredAt: Date;
  @ApiProperty({ enum: ATTRIBUTIONS, nullable: true }) attributedBy: AttributedBy | null;
  @ApiProperty({ type: String, nullable: true, enum: ['new', 'returning'] }) customerType: CustomerType | null;
  @ApiProperty({ example: 'EUR', description: "The brand's currency once attributed" }) currency: string;
  @ApiProperty({ example: '120.00' }) grossAmount: string;
  @ApiProperty({ example: '12.00' }) discountAmount: string;
  @ApiProperty({ example: '108.00' }) netAmount: string;
  @ApiProperty({ type: String, nullable: true, example: 'USD' }) originalCurrency: string | null;
  @ApiProperty({ type: String, nullable: true }) originalNetAmount: string | null;
  @ApiProperty({ type: String, nullable: true, example: '0.9215' }) fxRate: string | null;
  @ApiProperty({ type: String, nullable: true, example: '10.0000', description: 'Percent, from the term in force' }) commissionRate:
    string | null;
  @ApiProperty({ example: '10.80' }) commissionAmount: string;
  @ApiProperty({ example: '0.00' }) reversedAmount: string;
  @ApiProperty({ enum: CONVERSION_STATUSES }) status: ConversionStatus;
  @ApiProperty({ type: Date, nullable: true }) approvedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: 'Set once voided (status voided): counted in no figure since' })
  voidedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'Who voided it: a user...', format: 'uuid' }) voidedByUserId: string | null;
  @ApiProperty({ type: String, nullable: true, description: '...or an API key', format: 'uuid' }) voidedByApiKeyId: string | null;
  @ApiProperty({ type: String, nullable: true }) voidReason: string | null;
  @ApiProperty() createdAt: Date;
}

export class ConversionList {
  @ApiProperty({ type: [ConversionView] }) data: ConversionView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class RejectedConversion {
  @ApiProperty({ type: 'integer', description: 'Position in the request' }) index: number;
  @ApiProperty({ type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } })
  errors: { field: string; message: string }[];
}

export class ConflictingConversion {
  @ApiProperty({ type: 'integer', description: 'Position in the request' }) index: number;
  @ApiProperty({
    type: [String],
    example: ['amount', 'occurredAt'],
    description: 'Fields whose recorded value differs; the recorded ones are kept',
  })
  fields: string[];
}

export class BatchResultView {
  @ApiProperty({ type: 'integer' }) accepted: number;
  @ApiProperty({ type: 'integer', description: '(source, externalId) already recorded with the same values: nothing changed' })
  duplicates: number;
  @ApiProperty({ type: [ConflictingConversion], description: '(source, externalId) already recorded with other values: nothing changed' })
  conflicts: ConflictingConversion[];
  @ApiProperty({ type: [RejectedConversion] }) rejected: RejectedConversion[];
}

/** Money is presented with the currency's minor units, rounded half-even (stored at 4 decimals). */
export function toConversionView(c: Conversion): ConversionView {
  const money = (value: string, currency = c.currency) => roundTo(value, currencyMinorUnits(currency));
  return {
    id: c.id,
    relationshipId: c.relationshipId,
    contractId: c.contractId,
    trackingCodeId: c.trackingCodeId,
    source: c.source,
    externalId: c.externalId,
    occurredAt: c.occurredAt,
    attributedBy: c.attributedBy,
    customerType: c.customerType,
    currency: c.currency,
    grossAmount: money(c.grossAmount),
    discountAmount: money(c.discountAmount),
    netAmount: money(c.netAmount),
    originalCurrency: c.originalCurrency,
    originalNetAmount: c.originalNetAmount && c.originalCurrency ? money(c.originalNetAmount, c.originalCurrency) : null,
    fxRate: c.fxRate?.replace(/\.?0+$/, '') ?? null,
    commissionRate: c.commissionRate,
    commissionAmount: money(c.commissionAmount),
    reversedAmount: money(c.reversedAmount),
    status: c.status,
    approvedAt: c.approvedAt,
    voidedAt: c.voidedAt,
    voidedByUserId: c.voidedByUserId,
    voidedByApiKeyId: c.voidedByApiKeyId,
    voidReason: c.voidReason,
    createdAt: c.createdAt,
  };
}
