import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
import { Type } from 'class-transformer';
import { PageQuery } from '@app/common';
import { RELATIONSHIP_SORTS, RELATIONSHIP_STATUSES, RelationshipSort, RelationshipStatus } from '@app/relationships';
import { GRANULARITIES, Granularity } from '@app/reports';
import { CommaList } from '../core/transforms';
import { IsCalendarDate, oneOf } from '../core/validators';

export class CreateRelationshipRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() brandId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() influencerId: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A member of the workspace; default: you (none for an API key); null: nobody',
  })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(10_000) notes?: string | null;
}

export class ListRelationshipsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() brandId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() influencerId?: string;
  @ApiPropertyOptional({ enum: RELATIONSHIP_STATUSES })
  @IsOptional()
  @IsIn(RELATIONSHIP_STATUSES, oneOf(RELATIONSHIP_STATUSES))
  status?: RelationshipStatus;

  @ApiPropertyOptional({ description: "Case-insensitive substring of the influencer's name or any handle, or of the brand's name" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    enum: RELATIONSHIP_SORTS,
    default: '-createdAt',
    description:
      "Sort key, `-` for descending: name (the influencer's), brand, tier (nano → mega), status (prospect → ended), termEnd (the current term's end), quarterRoi (the brand's current quarter); missing term ends and ROIs come last. A cursor belongs to the sort it was served with",
  })
  @IsOptional()
  @IsIn(RELATIONSHIP_SORTS, oneOf(RELATIONSHIP_SORTS))
  sort?: RelationshipSort;
}

export class PerformanceQueryRequest {
  @ApiPropertyOptional({
    format: 'date',
    description: "First day, inclusive, in the brand's time zone; default: the first day of the month 11 months before `to`",
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: "Last day, inclusive; default: today in the brand's time zone" })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    enum: GRANULARITIES,
    default: 'month',
    description: "day (at most 366 buckets), month, or the brand's fiscal quarter; ranges up to 10 years",
  })
  @IsOptional()
  @IsIn(GRANULARITIES, oneOf(GRANULARITIES))
  granularity?: Granularity;
}

export class RoiTrendsQuery {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Up to 200 relationships: repeat the parameter or separate with commas' })
  @CommaList()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  relationshipId: string[];

  @ApiPropertyOptional({ minimum: 2, maximum: 12, default: 4, description: 'Fiscal quarters of each brand, up to the current one' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(12)
  quarters = 4;
}
