import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageQuery } from '@app/common';
import { MAX_SHARE_DAYS, ReportLink, ReportLinkSource } from '@app/reports';
import { QuarterlyReportQuery } from './reports.dto';

export class ShareQuarterlyReportRequest extends QuarterlyReportQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_SHARE_DAYS, default: 7, description: 'How many days the link works' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SHARE_DAYS)
  expiresInDays: number = 7;
}

export class ListReportLinksQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all', { message: 'must be a UUID' }) brandId?: string;
}

export class ReportLinkView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) brandId: string;
  @ApiProperty({ example: '2026-Q3' }) quarter: string;
  @ApiProperty({ enum: ['email', 'share'], description: 'Made for a report email, or by POST /v1/reports/quarterly/share' })
  source: ReportLinkSource;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The report email it was made for' })
  notificationId: string | null;
  @ApiProperty() expiresAt: Date;
  @ApiProperty({ type: Date, nullable: true }) revokedAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class SharedReportLinkView extends ReportLinkView {
  @ApiProperty({
    description: 'The page of the report as it is now, for anyone holding this URL until it expires or is revoked; shown once',
  })
  url: string;
}

export class ReportLinkList {
  @ApiProperty({ type: [ReportLinkView] }) data: ReportLinkView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export const toReportLinkView = (link: ReportLink): ReportLinkView => ({
  id: link.id,
  brandId: link.brandId,
  quarter: link.quarter,
  source: link.source,
  notificationId: link.notificationId,
  expiresAt: link.expiresAt,
  revokedAt: link.revokedAt,
  createdAt: link.createdAt,
});
