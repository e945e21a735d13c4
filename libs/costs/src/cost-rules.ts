/**
 * The pure rules of the cost ledger. Amounts are decimal strings (numeric in PostgreSQL) and are computed
 * as BigInt counts of the currency's minor unit, never as floats: 1000.00 / 31 must not drift.
 */

export const COST_KINDS = ['retainer', 'deliverable_fee', 'commission', 'product', 'other', 'bonus', 'adjustment'] as const;
export type CostKind = (typeof COST_KINDS)[number];

/** What people enter by hand; retainer and commission are accrued by the worker, deliverable fees on publish. */
export const MANUAL_COST_KINDS = ['product', 'other', 'bonus', 'adjustment'] as const;
export type ManualCostKind = (typeof MANUAL_COST_KINDS)[number];

/**
 * What the ambassador earns, and so is owed (docs/payouts.md): product and other costs are the brand's own
 * (gifting, shipping, usage rights paid to someone else), never paid out.
 */
export const PAYABLE_COST_KINDS = ['retainer', 'deliverable_fee', 'commission', 'bonus', 'adjustment'] as const;

/** Manual kinds that may be negative (with a description): a correction of `other`, a bonus taken back, an adjustment either way. */
const SIGNED_MANUAL_KINDS: readonly ManualCostKind[] = ['other', 'bonus', 'adjustment'];

const SIGNED_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "1250.5" → 125050n for 2 minor units. Refuses more decimals than the currency has (except trailing zeros: "1.5000"). */
export function toMinorUnits(amount: string, minorUnits: number): bigint {
  const match = SIGNED_DECIMAL.exec(amount);
  if (!match) throw new Error(`Not a decimal amount: ${amount}`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.slice(minorUnits).replace(/0/g, '') !== '') throw new Error(`${amount} has more than ${minorUnits} decimals`);
  const minor = BigInt(whole + fraction.slice(0, minorUnits).padEnd(minorUnits, '0'));
  return sign ? -minor : minor;
}

/** 125050n → "1250.50" for 2 minor units; "-0.05" keeps its sign. */
export function fromMinorUnits(minor: bigint, minorUnits: number): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(minorUnits + 1, '0');
  const whole = digits.slice(0, digits.length - minorUnits);
  const fraction = digits.slice(digits.length - minorUnits);
  return `${negative ? '-' : ''}${whole}${minorUnits ? `.${fraction}` : ''}`;
}

/** Number of days of the calendar month of a YYYY-MM-DD date (28–31). */
export function daysInMonth(date: string): number {
  const match = CALENDAR_DATE.exec(date);
  if (!match) throw new Error(`Not a calendar date: ${date}`);
  // Day 0 of the next month is the last day of this one; UTC, so no time zone or DST is involved.
  return new Date(Date.UTC(Number(match[1]), Number(match[2]), 0)).getUTCDate();
}

/**
 * The retainer accrued on one calendar day: the monthly amount pro rata by the days of that month.
 * Rounding: cumulative, in minor units. Day d of a month of D days gets
 *   floor(M × d / D) − floor(M × (d − 1) / D)
 * so each day is floor or ceil of M / D, the leftovers fall on evenly spaced days (the last day always
 * takes one when M is not a multiple of D), the whole month sums to exactly M, and any run of days from
 * the 1st is within one minor unit of the exact pro rata (a term starting or ending mid-month).
 */
export function retainerForDay(monthlyAmount: string, date: string, currencyMinorUnits: number): string {
  const monthly = toMinorUnits(monthlyAmount, currencyMinorUnits);
  if (monthly < 0n) throw new Error(`A retainer cannot be negative: ${monthlyAmount}`);
  const days = BigInt(daysInMonth(date));
  const day = BigInt(Number(date.slice(8, 10)));
  return fromMinorUnits((monthly * day) / days - (monthly * (day - 1n)) / days, currencyMinorUnits);
}

/**
 * Hand-entered costs: product costs are positive; `other` may be negative only as a correction of an
 * earlier entry (the ledger is append-only: a mistake is offset, never edited); `bonus` and `adjustment`
 * (owed to the ambassador) are signed. A negative amount needs a description saying why. Zero is never an
 * entry. Returns the field errors.
 */
export function manualCostErrors(
  kind: ManualCostKind,
  amount: string,
  description: string | null | undefined,
): { field: string; message: string }[] {
  const negative = amount.startsWith('-');
  const zero = /^-?0*(\.0*)?$/.test(amount);
  if (zero) return [{ field: 'amount', message: 'must not be zero' }];
  if (negative && !SIGNED_MANUAL_KINDS.includes(kind))
    return [{ field: 'amount', message: 'may be negative only for kinds other (a correction), bonus and adjustment' }];
  if (negative && !description?.trim())
    return [{ field: 'description', message: 'is required for a negative amount: say what it corrects or takes back' }];
  return [];
}
