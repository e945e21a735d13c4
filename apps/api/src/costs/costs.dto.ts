import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
import { Omittable, PageQuery } from '@app/common';
import { COST_KINDS, CostKind, MANUAL_COST_KINDS, ManualCostKind } from '@app/costs';
import { Trim } from '../core/transforms';
import { IsCalendarDate, oneOf } from '../core/validators';

/** Like IsMoney but signed: a negative amount is how the append-only ledger corrects itself (other, bonus, adjustment). */
const IsSignedMoney = () =>
  ValidateBy({
    name: 'isSignedMoney',
    validator: {
      validate: (value) => typeof value === 'string' && /^-?\d{1,15}(\.\d{1,4})?$/.test(value),
      defaultMessage: () => 'must be a decimal string such as "49.90" (negative, "-49.90", only for kinds other, bonus and adjustment)',
    },
  });

export class CreateCostRequest {
  @ApiProperty({
    enum: MANUAL_COST_KINDS,
    description:
      'Retainers, deliverable fees and commissions are recorded by the system. bonus and adjustment are owed to the ambassador (paid out); product and other are not',
  })
  @IsIn(MANUAL_COST_KINDS, oneOf(MANUAL_COST_KINDS))
  kind: ManualCostKind;

  @ApiProperty({
    example: '49.90',
    description:
      "In the brand's currency and its minor units; not zero. Negative only for kinds other (a correction), bonus and adjustment, with a description",
  })
  @IsSignedMoney()
  amount: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-03-14', description: "Default: today in the brand's time zone" })
  @Omittable()
  @IsCalendarDate()
  incurredOn?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Spring collection sample box',
    description: 'Required for a negative amount',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2_000)
  description?: string | null;
}

export class ListCostsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: COST_KINDS }) @IsOptional() @IsIn(COST_KINDS, oneOf(COST_KINDS)) kind?: CostKind;
  @ApiPropertyOptional({ format: 'date', description: 'First day, inclusive' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ format: 'date', description: 'Last day, inclusive' }) @IsOptional() @IsCalendarDate() to?: string;
}
