/**
 * Fiscal quarters on calendar dates (YYYY-MM-DD, already in the brand's time zone). A fiscal year is named by
 * the calendar year in which it starts: with a start month of 4, FY 2026 runs from 2026-04-01 to 2027-03-31,
 * so 2026-Q4 is January to March 2027. With the default start month 1, fiscal quarters are calendar quarters.
 */
const QUARTER = /^(\d{4})-Q([1-4])$/;

export interface FiscalQuarter {
  fiscalYear: number;
  q: 1 | 2 | 3 | 4;
}

export function parseQuarter(text: string): FiscalQuarter | null {
  const match = QUARTER.exec(text);
  return match ? { fiscalYear: Number(match[1]), q: Number(match[2]) as FiscalQuarter['q'] } : null;
}

/** Months since year 0 of a (year, month 1-12): one integer makes month and quarter arithmetic plain. */
const monthIndex = (year: number, month: number) => year * 12 + month - 1;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const monthText = (index: number) => `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const lastDayOf = (index: number) =>
  index % 12 === 1 ? (isLeap(Math.floor(index / 12)) ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][index % 12];

function quarterIndex(quarter: string): number {
  const parsed = parseQuarter(quarter);
  if (!parsed) throw new Error(`Not a quarter: ${quarter} (expected YYYY-Qn)`);
  return parsed.fiscalYear * 4 + parsed.q - 1;
}

const quarterText = (index: number) => `${pad(Math.floor(index / 4), 4)}-Q${(index % 4) + 1}`;

function checkStartMonth(fiscalYearStartMonth: number): void {
  if (!Number.isInteger(fiscalYearStartMonth) || fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12)
    throw new Error(`Not a month: ${fiscalYearStartMonth}`);
}

/** First and last calendar day of a fiscal quarter, both inclusive. */
export function quarterRange(quarter: string, fiscalYearStartMonth: number): { from: string; to: string } {
  checkStartMonth(fiscalYearStartMonth);
  const index = quarterIndex(quarter);
  const first = monthIndex(Math.floor(index / 4), fiscalYearStartMonth) + (index % 4) * 3;
  return { from: `${monthText(first)}-01`, to: `${monthText(first + 2)}-${pad(lastDayOf(first + 2))}` };
}

/** The fiscal quarter a calendar day belongs to. */
export function quarterOf(day: string, fiscalYearStartMonth: number): string {
  checkStartMonth(fiscalYearStartMonth);
  const sinceStart = monthIndex(Number(day.slice(0, 4)), Number(day.slice(5, 7))) - monthIndex(0, fiscalYearStartMonth);
  return quarterText(Math.floor(sinceStart / 3));
}

/** The quarter `by` quarters later (negative: earlier); 2026-Q4 + 1 = 2027-Q1. */
export function shiftQuarter(quarter: string, by: number): string {
  return quarterText(quarterIndex(quarter) + by);
}

/** YYYY-MM of every calendar month touched by [from, to], in order. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (
    let i = monthIndex(Number(from.slice(0, 4)), Number(from.slice(5, 7)));
    i <= monthIndex(Number(to.slice(0, 4)), Number(to.slice(5, 7)));
    i++
  )
    months.push(monthText(i));
  return months;
}

/** The YYYY-MM month `by` months after `month` (negative: before). */
export function shiftMonth(month: string, by: number): string {
  return monthText(monthIndex(Number(month.slice(0, 4)), Number(month.slice(5, 7))) + by);
}

/** First and last day of a YYYY-MM month. */
export function monthRange(month: string): { from: string; to: string } {
  const index = monthIndex(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  return { from: `${month}-01`, to: `${month}-${pad(lastDayOf(index))}` };
}
