import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsCurrencyCode, IsTimeZone, Omittable } from '@app/common';
import { Trim, UpperCase } from '../core/transforms';

export class CreateBrandRequest {
  @ApiProperty({ example: 'Northwind Outdoor' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 reporting currency' })
  @UpperCase()
  @IsCurrencyCode()
  currency: string;

  @ApiProperty({ example: 'Europe/Paris', description: 'IANA time zone of contract dates and quarters' })
  @IsTimeZone()
  timezone: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 12, default: 1 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(12)
  fiscalYearStartMonth?: number;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Users who receive the brand emails; defaults to the creator' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  managerUserIds?: string[];
}

// skipNullProperties: false so `null` is validated (and refused) instead of reaching NOT NULL columns.
export class UpdateBrandRequest extends PartialType(CreateBrandRequest, { skipNullProperties: false }) {}

export class BrandView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: 'Europe/Paris' }) timezone: string;
  @ApiProperty() fiscalYearStartMonth: number;
  @ApiProperty({ type: [String], format: 'uuid' }) managerUserIds: string[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class BrandList {
  @ApiProperty({ type: [BrandView] }) data: BrandView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
