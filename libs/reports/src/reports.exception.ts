import { HttpStatus } from '@nestjs/common';
import { AppException } from '@app/common';

export enum ReportsErrorCode {
  QuarterNotStarted = 'REPORT_QUARTER_NOT_STARTED',
  QuarterOpen = 'REPORT_QUARTER_OPEN',
}

export class ReportsException extends AppException {
  static quarterNotStarted(quarter: string, from: string, timezone: string): ReportsException {
    return new ReportsException(
      HttpStatus.BAD_REQUEST,
      ReportsErrorCode.QuarterNotStarted,
      `${quarter} has not started yet: it starts on ${from} (${timezone})`,
      [{ field: 'quarter', message: `has not started yet in the brand's time zone (${timezone}): ${quarter} starts on ${from}` }],
    );
  }

  /** A snapshot freezes a closed quarter; an open one is still moving, so it is only ever built live. */
  static quarterOpen(quarter: string, to: string): ReportsException {
    return new ReportsException(
      HttpStatus.CONFLICT,
      ReportsErrorCode.QuarterOpen,
      `${quarter} is still open (it ends on ${to}): only a closed quarter has a snapshot`,
    );
  }
}
