import { DateTime } from 'luxon';
import { quarterRange, shiftQuarter } from '../quarters';

/** Local hour of the first day of the next quarter when a quarter's close email goes out (late data has a night to arrive). */
export const CLOSE_HOUR = 6;

/** The instant a fiscal quarter's report is due: 06:00 brand time on the first day of the next quarter. */
export function quarterCloseAt(quarter: string, fiscalYearStartMonth: number, timezone: string): Date {
  const firstDay = quarterRange(shiftQuarter(quarter, 1), fiscalYearStartMonth).from;
  return DateTime.fromISO(firstDay, { zone: timezone }).set({ hour: CLOSE_HOUR }).toJSDate();
}

/** The notifications.period of a report email: the quarter for the close email, `<quarter>/<requestId>` for each on-demand one. */
export function reportPeriod(quarter: string, requestId?: string): string {
  return requestId ? `${quarter}/${requestId}` : quarter;
}

export function quarterOfPeriod(period: string): string {
  return period.split('/')[0];
}
