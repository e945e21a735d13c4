import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';

/**
 * The one source of "now" for business rules (reminders, overdue, quarters), so tests move time
 * instead of sleeping: inject Clock, never call `new Date()` in a rule.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  /** Today's calendar date (YYYY-MM-DD) in an IANA time zone: a brand's "today". */
  today(timezone: string): string {
    return calendarDateIn(this.now(), timezone);
  }
}

/** A clock tests set and move; provided in place of Clock through the testing module. */
export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }

  override now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at);
  }
}

// One formatter per zone: building one costs far more than formatting, and batch ingest asks per row.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const US_DAY = /^(\d{2})\/(\d{2})\/(\d{4})$/;

export function calendarDateIn(instant: Date, timezone: string): string {
  let format = dayFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    if (dayFormats.size < 1_000) dayFormats.set(timezone, format);
  }
  // "MM/DD/YYYY", ~5x cheaper than luxon per call; years outside 1000-9999 (not 4 digits) take luxon's form.
  const day = US_DAY.exec(format.format(instant));
  return day ? `${day[3]}-${day[1]}-${day[2]}` : (DateTime.fromJSDate(instant, { zone: timezone }).toISODate() as string);
}

/** The instant a calendar date starts in a time zone (00:00 local), e.g. when a term begins. */
export function startOfDayIn(date: string, timezone: string): Date {
  return DateTime.fromISO(date, { zone: timezone }).startOf('day').toJSDate();
}
