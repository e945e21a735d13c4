/** Today's calendar date in `timeZone`, as YYYY-MM-DD (en-CA formats dates that way). */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A calendar date plus `days`, still a calendar date (UTC arithmetic on a date has no DST). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The brand's fiscal quarter containing `date`: the fiscal year starts in `fiscalYearStartMonth` and is
 * named by the calendar year it starts in (docs/reports.md), e.g. April start: 2026-05-10 is 2026-Q1.
 */
export function fiscalQuarter(date: string, fiscalYearStartMonth: number): string {
  const [y, m] = date.split('-').map(Number);
  const offset = (m - fiscalYearStartMonth + 12) % 12;
  const year = m >= fiscalYearStartMonth ? y : y - 1;
  return `${year}-Q${Math.floor(offset / 3) + 1}`;
}

/** `count` quarters ending with `quarter`, newest first: "2026-Q1" → ["2026-Q1", "2025-Q4", ...]. */
export function quartersBack(quarter: string, count: number): string[] {
  let [year, q] = quarter.split('-Q').map(Number);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${year}-Q${q}`);
    if (--q === 0) [year, q] = [year - 1, 4];
  }
  return out;
}
