import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsObject,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { IsMoney, Omittable } from '@app/common';
import { DEFAULT_EMV_RATES, EMV_ACTIONS, EmvRates } from '@app/rollups';
import { Trim } from '../core/transforms';

const MAX_THRESHOLD = 10_000_000_000;

/** Lower bounds (inclusive) of each tier; below micro is nano. */
export class TierThresholdsRequest {
  @ApiProperty({ type: 'integer', minimum: 1, example: 10_000 }) @IsInt() @Min(1) @Max(MAX_THRESHOLD) micro: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 100_000 }) @IsInt() @Min(1) @Max(MAX_THRESHOLD) mid: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 500_000 }) @IsInt() @Min(1) @Max(MAX_THRESHOLD) macro: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 1_000_000 }) @IsInt() @Min(1) @Max(MAX_THRESHOLD) mega: number;
}

const StrictlyIncreasing = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'strictlyIncreasing',
      validator: {
        validate: (value: unknown) => {
          const t = value as Partial<TierThresholdsRequest> | null;
          // Types and ranges are reported by the nested validators; this only judges the order.
          if (typeof t !== 'object' || t === null || ![t.micro, t.mid, t.macro, t.mega].every(Number.isInteger)) return true;
          return t.micro! < t.mid! && t.mid! < t.macro! && t.macro! < t.mega!;
        },
        defaultMessage: () => 'must be strictly increasing: micro < mid < macro < mega',
      },
    },
    options,
  );

/** Rates to change; an action left out keeps its rate. One optional money field per EMV action (EMV_ACTIONS). */
export class EmvRatesRequest {}
for (const [action, { unit, defaultRate }] of Object.entries(EMV_ACTIONS)) {
  const description = `EMV per ${unit}, in the brand's currency (at most 4 decimals)`;
  for (const decorate of [IsMoney(), Omittable(), ApiPropertyOptional({ type: String, example: defaultRate, description })])
    decorate(EmvRatesRequest.prototype, action);
}

export class UpdateWorkspaceRequest {
  @ApiPropertyOptional({ example: 'Acme Agency' })
  @Omittable()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: TierThresholdsRequest, description: 'Changing them re-tiers every influencer of the workspace' })
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => TierThresholdsRequest)
  @StrictlyIncreasing()
  tierThresholds?: TierThresholdsRequest;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 365, description: 'Days before a pending conversion is approved' })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(365)
  conversionLockDays?: number;

  @ApiPropertyOptional({
    type: EmvRatesRequest,
    description: "Changing them recomputes the EMV of every publication day of the workspace's rollups within a minute",
  })
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => EmvRatesRequest)
  emvRates?: EmvRates;

  @ApiPropertyOptional({
    description: 'Activating a contract needs the ambassador to have accepted its terms in the portal (409 until then)',
  })
  @Omittable()
  @IsBoolean()
  requireTermsAcceptance?: boolean;

  @ApiPropertyOptional({
    description: "An approved deliverable's live post URL sent from the portal publishes it (otherwise a manager publishes)",
  })
  @Omittable()
  @IsBoolean()
  ambassadorsPublish?: boolean;
}

export class WorkspaceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: { micro: 10000, mid: 100000, macro: 500000, mega: 1000000 } }) tierThresholds: Record<string, number>;
  @ApiProperty() conversionLockDays: number;
  @ApiProperty({
    description: "EMV per action, in the brand's currency (docs/metrics.md)",
    example: DEFAULT_EMV_RATES,
  })
  emvRates: Record<string, string>;
  @ApiProperty() requireTermsAcceptance: boolean;
  @ApiProperty() ambassadorsPublish: boolean;
  @ApiProperty() createdAt: Date;
}
