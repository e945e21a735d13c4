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

export function calendarDateIn(instant: Date, timezone: string): string {
  return DateTime.fromJSDate(instant, { zone: timezone }).toISODate() as string;
}

/** The instant a calendar date starts in a time zone (00:00 local), e.g. when a term begins. */
export function startOfDayIn(date: string, timezone: string): Date {
  return DateTime.fromISO(date, { zone: timezone }).startOf('day').toJSDate();
}
