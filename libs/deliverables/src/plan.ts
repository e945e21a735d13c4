import { DateTime } from 'luxon';

export const DELIVERABLE_TYPES = ['post', 'story', 'reel', 'video', 'short', 'blog', 'live', 'other'] as const;
export type DeliverableType = (typeof DELIVERABLE_TYPES)[number];

export interface PlanItem {
  type: DeliverableType;
  platform: string;
  quantity: number;
  per: 'month' | 'term';
}

export interface PlannedDeliverable {
  type: DeliverableType;
  platform: string;
  /** YYYY-MM-DD, within the term. */
  dueDate: string;
}

/** Calendar dates only: UTC is used as a zone-free calendar, so DST never shifts a day. */
function day(date: string): DateTime {
  const parsed = DateTime.fromISO(date, { zone: 'utc' });
  if (!parsed.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`Not a calendar date: ${date}`);
  return parsed;
}

function daysBetween(from: DateTime, to: DateTime): number {
  return Math.round(to.diff(from, 'days').days);
}

/**
 * `count` due dates spread over `length` days from `first`: each is the last day of one of `count`
 * equal slices, so the last item falls on the period's last day and none before the first slice ends.
 */
function spread(first: DateTime, length: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => first.plus({ days: Math.ceil(((i + 1) * length) / count) - 1 }).toISODate() as string);
}

/** Round half up in integers: q × covered / full without floating-point drift. */
function proRata(quantity: number, covered: number, full: number): number {
  return Math.floor((2 * quantity * covered + full) / (2 * full));
}

/**
 * Months are counted from the start date (start + k months, luxon clamps the 31st to a shorter
 * month's end), so a term starting mid-month still gets whole monthly periods; the last period is
 * clipped at the end date and its quantity pro-rated by days covered. See docs/deliverables.md.
 */
function* monthlyPeriods(
  quantity: number,
  start: DateTime,
  end: DateTime,
): Generator<{ periodStart: DateTime; covered: number; count: number }> {
  for (let k = 0; ; k++) {
    const periodStart = start.plus({ months: k });
    if (periodStart > end) return;
    const full = daysBetween(periodStart, start.plus({ months: k + 1 }));
    const covered = Math.min(full, daysBetween(periodStart, end) + 1);
    yield { periodStart, covered, count: covered === full ? quantity : proRata(quantity, covered, full) };
  }
}

function monthlyDates(quantity: number, start: DateTime, end: DateTime): string[] {
  return [...monthlyPeriods(quantity, start, end)].flatMap(({ periodStart, covered, count }) => spread(periodStart, covered, count));
}

/** How many deliverables planDeliverables would generate, without generating them (a term of 10 years has 120 months to count). */
export function plannedCount(plan: PlanItem[], startDate: string, endDate: string): number {
  const start = day(startDate);
  const end = day(endDate);
  let total = 0;
  for (const item of plan) {
    if (item.per === 'term') total += item.quantity;
    else for (const period of monthlyPeriods(item.quantity, start, end)) total += period.count;
  }
  return total;
}

/**
 * Due dates for a contract's plan over [startDate, endDate] (end inclusive), ordered by due date
 * then plan order. Pure: the same plan and term always give the same list.
 */
export function planDeliverables(plan: PlanItem[], startDate: string, endDate: string): PlannedDeliverable[] {
  const start = day(startDate);
  const end = day(endDate);
  if (end < start) throw new RangeError(`Term ends (${endDate}) before it starts (${startDate})`);
  const items = plan.flatMap((item, order) => {
    if (!Number.isInteger(item.quantity) || item.quantity < 0)
      throw new RangeError(`Plan quantity must be a non-negative integer: ${item.quantity}`);
    const dates =
      item.per === 'month' ? monthlyDates(item.quantity, start, end) : spread(start, daysBetween(start, end) + 1, item.quantity);
    return dates.map((dueDate) => ({ order, planned: { type: item.type, platform: item.platform, dueDate } }));
  });
  // Array.prototype.sort is stable, so equal dates keep plan order (and the order within an item).
  items.sort((a, b) => (a.planned.dueDate < b.planned.dueDate ? -1 : a.planned.dueDate > b.planned.dueDate ? 1 : 0));
  return items.map((item) => item.planned);
}
