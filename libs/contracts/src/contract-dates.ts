import { DateTime } from 'luxon';
import { startOfDayIn } from '@app/common';

/** Calendar arithmetic on YYYY-MM-DD: UTC serves as a zone-free calendar, so DST never moves a day. */
function day(date: string): DateTime {
  return DateTime.fromISO(date, { zone: 'utc' });
}

export function addDays(date: string, days: number): string {
  return day(date).plus({ days }).toISODate() as string;
}

/** The last day of a term of `months` months from `start` (2026-07-01 + 6 → 2026-12-31). */
export function endAfterMonths(start: string, months: number): string {
  return day(start).plus({ months }).minus({ days: 1 }).toISODate() as string;
}

/** Whole months when the term is start + N months − 1 day, else undefined (the term is measured in days). */
export function wholeMonths(start: string, end: string): number | undefined {
  const months = Math.round(day(end).plus({ days: 1 }).diff(day(start), 'months').months);
  return months >= 1 && endAfterMonths(start, months) === end ? months : undefined;
}

/**
 * The dates of the term that follows `current`: from the day after its end, to `endDate` when given,
 * else for its renewal_term_months, else as long as the current term (in months when it spans whole
 * months, so Jan–Jun renews as Jul–Dec, otherwise in days).
 */
export function nextTermDates(
  current: { startDate: string; endDate: string; renewalTermMonths: number | null },
  endDate?: string,
): { startDate: string; endDate: string } {
  const startDate = addDays(current.endDate, 1);
  if (endDate) return { startDate, endDate };
  const months = current.renewalTermMonths ?? wholeMonths(current.startDate, current.endDate);
  if (months) return { startDate, endDate: endAfterMonths(startDate, months) };
  const days = day(current.endDate).diff(day(current.startDate), 'days').days;
  return { startDate, endDate: addDays(startDate, days) };
}

/** 00:00 of a calendar date in a zone, as ISO 8601 with that zone's offset ("2026-07-01T00:00:00.000+12:00"). */
export function instantAt(date: string, timezone: string): string {
  return DateTime.fromJSDate(startOfDayIn(date, timezone), { zone: timezone }).toISO() as string;
}

/** When a term starts and ends as instants: the end is the start of the day after the (inclusive) end date. */
export function termInstants(term: { startDate: string; endDate: string }, timezone: string): { startsAt: string; endsAt: string } {
  return { startsAt: instantAt(term.startDate, timezone), endsAt: instantAt(addDays(term.endDate, 1), timezone) };
}
