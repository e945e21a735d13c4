import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '@app/common';
import { TRACKING_CODE_KINDS, TrackingCodeKind } from '@app/attribution';
import { Trim } from '../core/transforms';
import { HttpUrl, oneOf, Timestamp } from '../core/validators';

const kinds = oneOf(TRACKING_CODE_KINDS);

export class CreateTrackingCodeRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID() relationshipId: string;
  @ApiProperty({ enum: TRACKING_CODE_KINDS, description: 'code: a discount code; link: a link slug' })
  @IsIn(TRACKING_CODE_KINDS, kinds)
  kind: TrackingCodeKind;

  @ApiProperty({ example: 'SUMMER-ANNA10', description: 'Unique in the workspace ignoring case, among codes and links not deleted' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/^\S+$/, { message: 'must not contain spaces' })
  code: string;

  @ApiPropertyOptional({ example: 'https://shop.example.com/summer' }) @IsOptional() @HttpUrl() destinationUrl?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive; open when omitted' }) @IsOptional() @Timestamp() validFrom?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Exclusive; open when omitted' }) @IsOptional() @Timestamp() validTo?: string;
}

export class ListTrackingCodesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() relationshipId?: string;
  @ApiPropertyOptional({ enum: TRACKING_CODE_KINDS }) @IsOptional() @IsIn(TRACKING_CODE_KINDS, kinds) kind?: TrackingCodeKind;
}

export class TrackingCodeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) relationshipId: string;
  @ApiProperty({ enum: TRACKING_CODE_KINDS }) kind: TrackingCodeKind;
  @ApiProperty() code: string;
  @ApiProperty({ type: String, nullable: true }) destinationUrl: string | null;
  @ApiProperty({ type: Date, nullable: true }) validFrom: Date | null;
  @ApiProperty({ type: Date, nullable: true }) validTo: Date | null;
  @ApiProperty() createdAt: Date;
}

export class TrackingCodeList {
  @ApiProperty({ type: [TrackingCodeView] }) data: TrackingCodeView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
