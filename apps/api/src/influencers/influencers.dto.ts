import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Omittable, PageQuery } from '@app/common';
import { Platform, PLATFORMS, Tier, TIERS } from '@app/influencers';
import { Trim, UpperCase } from '../core/transforms';
import { DecimalString, IsCalendarDate, IsPercentage, IsWholeNumber, oneOf } from '../core/validators';
import { HasDistinctAccounts, NormalizeHandle, NormalizeTags } from './influencer.validators';

export class SocialAccountRequest {
  @ApiProperty({ enum: PLATFORMS })
  @IsIn(PLATFORMS, oneOf(PLATFORMS))
  platform: Platform;

  @ApiProperty({
    example: 'lena.outdoors',
    description: 'A leading "@" is removed; unique per platform in the workspace, case-insensitively',
  })
  @NormalizeHandle()
  @IsString()
  @Matches(/^\S{1,100}$/, { message: 'must be 1 to 100 characters without spaces' })
  handle: string;

  @ApiPropertyOptional({ type: String, format: 'uri', nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  @MaxLength(2048)
  url?: string | null;

  @ApiProperty({ type: 'integer', minimum: 0, example: 25_000 })
  @IsWholeNumber(10_000_000_000)
  followers: number;

  @ApiPropertyOptional({
    oneOf: [{ type: 'string' }, { type: 'number' }],
    example: '3.25',
    nullable: true,
    description: 'Average engagement rate in percent, 0–100',
  })
  @IsOptional()
  @DecimalString()
  @IsPercentage()
  engagementRate?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    example: '2026-03-31',
    nullable: true,
    description: 'When followers and engagement were measured',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string | null;
}

export class CreateInfluencerRequest {
  @ApiProperty({ example: 'Lena Berg' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    type: String,
    example: 'lena@example.com',
    nullable: true,
    description: 'Unique in the workspace, case-insensitively; the CSV import matches on it',
  })
  @IsOptional()
  @Trim()
  @IsEmail()
  @MaxLength(320)
  email?: string | null;

  @ApiPropertyOptional({ type: String, example: 'SE', nullable: true, description: 'ISO 3166-1 alpha-2' })
  @IsOptional()
  @UpperCase()
  @IsISO31661Alpha2({ message: 'must be an ISO 3166-1 alpha-2 country code such as FR' })
  country?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['outdoor', 'hiking'], description: 'Lower-cased, trimmed and deduplicated' })
  @Omittable()
  @NormalizeTags()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string | null;

  @ApiPropertyOptional({ type: [SocialAccountRequest], description: 'On update, the new complete set' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SocialAccountRequest)
  @HasDistinctAccounts()
  socialAccounts?: SocialAccountRequest[];
}

/** null is refused for name, tags and socialAccounts, and clears email, country and notes. */
export class UpdateInfluencerRequest extends PartialType(CreateInfluencerRequest, { skipNullProperties: false }) {}

export class ListInfluencersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TIERS })
  @IsOptional()
  @IsIn(TIERS, oneOf(TIERS))
  tier?: Tier;

  @ApiPropertyOptional({ enum: PLATFORMS, description: 'Influencers with at least one account on this platform' })
  @IsOptional()
  @IsIn(PLATFORMS, oneOf(PLATFORMS))
  platform?: Platform;

  @ApiPropertyOptional({ type: [String], description: 'Repeat to require several tags (all must match)' })
  @IsOptional()
  @NormalizeTags()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(50, { each: true })
  tag?: string[];

  @ApiPropertyOptional({ description: 'Case-insensitive substring of the name, the email or any handle' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;
}
