import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
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
} from 'class-validator';
import { IsMoney, Omittable, PageQuery } from '@app/common';
import { DELIVERABLE_STATUSES, DELIVERABLE_TYPES, DeliverableStatus, DeliverableType } from '@app/deliverables';
import { Platform, PLATFORMS } from '@app/influencers';
import { CommaList, Trim } from '../core/transforms';
import { HttpUrl, IsCalendarDate, oneOf, Timestamp } from '../core/validators';

const QueryBoolean = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

export class ListDeliverablesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() contractId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() relationshipId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() brandId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() influencerId?: string;

  @ApiPropertyOptional({
    enum: DELIVERABLE_STATUSES,
    isArray: true,
    description: 'Any of them: repeat the parameter or separate with commas',
  })
  @IsOptional()
  @CommaList()
  @IsArray()
  @ArrayMaxSize(DELIVERABLE_STATUSES.length)
  @IsIn(DELIVERABLE_STATUSES, { each: true, ...oneOf(DELIVERABLE_STATUSES) })
  status?: DeliverableStatus[];

  @ApiPropertyOptional({ format: 'date', example: '2026-06-30', description: 'Due strictly before this date' })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: "true: due before today in the brand's time zone and not published, missed or cancelled",
  })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  overdue?: boolean;
}

/** Only while planned or changes_requested (409 otherwise); null clears brief and socialAccountId. */
export class UpdateDeliverableRequest {
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(10_000) brief?: string | null;
  @ApiPropertyOptional({ format: 'date', description: 'Within the contract term' }) @Omittable() @IsCalendarDate() dueDate?: string;
  @ApiPropertyOptional({ enum: PLATFORMS }) @Omittable() @IsIn(PLATFORMS, oneOf(PLATFORMS)) platform?: Platform;
  @ApiPropertyOptional({ enum: DELIVERABLE_TYPES }) @Omittable() @IsIn(DELIVERABLE_TYPES, oneOf(DELIVERABLE_TYPES)) type?: DeliverableType;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "One of the influencer's accounts, on the deliverable's platform",
  })
  @IsOptional()
  @IsUUID()
  socialAccountId?: string | null;
  @ApiPropertyOptional({ example: '150.00', description: "In the contract's currency" }) @Omittable() @IsMoney() fee?: string;
}

export class SubmitDeliverableRequest {
  @ApiProperty({ format: 'uri', example: 'https://drive.example.com/draft-1', description: 'Where the draft content can be reviewed' })
  @HttpUrl()
  contentUrl: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(5_000) caption?: string | null;
}

export class RequestChangesRequest {
  @ApiProperty({ example: 'Please show the logo in the first 3 seconds' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(5_000)
  comment: string;
}

export class PublishDeliverableRequest {
  @ApiProperty({ format: 'uri', example: 'https://www.instagram.com/p/C0ffee/' }) @HttpUrl() postUrl: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Defaults to now; not in the future' })
  @IsOptional()
  @Timestamp()
  publishedAt?: string;
}

const Count = () =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0 }),
    Omittable(),
    IsInt(),
    Min(0),
    Max(Number.MAX_SAFE_INTEGER),
  );

export class AddMetricsRequest {
  @Count() impressions?: number;
  @Count() reach?: number;
  @Count() views?: number;
  @Count() likes?: number;
  @Count() comments?: number;
  @Count() shares?: number;
  @Count() saves?: number;
  @Count() clicks?: number;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the figures were read; defaults to now' })
  @IsOptional()
  @Timestamp()
  capturedAt?: string;
}
