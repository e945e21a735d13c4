import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Min } from 'class-validator';

const quarter = () => Matches(/^\d{4}-Q[1-4]$/, { message: 'must be a fiscal quarter such as 2026-Q3' });
const quarterDoc = {
  example: '2026-Q3',
  pattern: '^\\d{4}-Q[1-4]$',
  description:
    'Fiscal quarter of the brand: its fiscal year starts in fiscalYearStartMonth and is named by the calendar year it starts in; a quarter that has not started answers 400',
};

export class QuarterlyReportQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() brandId: string;
  @ApiProperty(quarterDoc) @quarter() quarter: string;
}

/** GET's query: the pair, and how many of the ranked relationships to send. */
export class ReadQuarterlyReportQuery extends QuarterlyReportQuery {
  @ApiPropertyOptional({
    minimum: 1,
    description:
      'JSON only: the first `limit` rows of `relationships` (best ROI first); totals, tiers, months, renewals and adjustments stay complete, and `totals.relationships` still counts every row. Without it, every row. The CSV always has every row.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  limit?: number;
}

/** The same pair as the report's query, as a JSON body. */
export class SendQuarterlyReportRequest extends QuarterlyReportQuery {}

export class SendQuarterlyReportAccepted {
  @ApiProperty({ format: 'uuid' }) brandId: string;
  @ApiProperty({ example: '2026-Q3' }) quarter: string;
  @ApiProperty({ format: 'uuid', description: 'Identifies this send: its email is the notification of period `<quarter>/<requestId>`' })
  requestId: string;
  @ApiProperty({ enum: ['queued'] }) status: 'queued';
}
