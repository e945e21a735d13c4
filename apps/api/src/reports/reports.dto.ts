import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';

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

/** The same pair as the report's query, as a JSON body. */
export class SendQuarterlyReportRequest extends QuarterlyReportQuery {}

export class SendQuarterlyReportAccepted {
  @ApiProperty({ format: 'uuid' }) brandId: string;
  @ApiProperty({ example: '2026-Q3' }) quarter: string;
  @ApiProperty({ format: 'uuid', description: 'Identifies this send: its email is the notification of period `<quarter>/<requestId>`' })
  requestId: string;
  @ApiProperty({ enum: ['queued'] }) status: 'queued';
}
