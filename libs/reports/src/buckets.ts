import { monthRange, monthsBetween, quarterOf, quarterRange, shiftQuarter } from './quarters';

export const GRANULARITIES = ['day', 'month', 'quarter'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** A labelled span of calendar days, both ends inclusive: a day, a month or a fiscal quarter, clipped to a range. */
export interface Bucket {
  label: string;
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const epochDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Days from `from` to `to`, both counted. */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from) + 1;
}

const clip = (label: string, span: { from: string; to: string }, from: string, to: string): Bucket => ({
  label,
  from: span.from < from ? from : span.from,
  to: span.to > to ? to : span.to,
});

/** Every bucket of [from, to] in order, the first and last clipped to the range; quarters are the brand's fiscal ones. */
export function bucketsOf(from: string, to: string, granularity: Granularity, fiscalYearStartMonth: number): Bucket[] {
  switch (granularity) {
    case 'day':
      return Array.from({ length: daysBetween(from, to) }, (_, i) => dateOf(epochDay(from) + i)).map((day) => ({
        label: day,
        from: day,
        to: day,
      }));
    case 'month':
      return monthsBetween(from, to).map((month) => clip(month, monthRange(month), from, to));
    case 'quarter': {
      const buckets: Bucket[] = [];
      for (
        let quarter = quarterOf(from, fiscalYearStartMonth);
        quarter <= quarterOf(to, fiscalYearStartMonth);
        quarter = shiftQuarter(quarter, 1)
      ) {
        buckets.push(clip(quarter, quarterRange(quarter, fiscalYearStartMonth), from, to));
      }
      return buckets;
    }
  }
}

/** Whole fiscal quarters as buckets. */
export function quarterBuckets(quarters: string[], fiscalYearStartMonth: number): Bucket[] {
  return quarters.map((label) => ({ label, ...quarterRange(label, fiscalYearStartMonth) }));
}

/** Buckets as the three parallel arrays the bucketed statements unnest ($3 labels, $4 first days, $5 last days). */
export function bucketParams(buckets: Bucket[]): [string[], string[], string[]] {
  return [buckets.map((b) => b.label), buckets.map((b) => b.from), buckets.map((b) => b.to)];
}
