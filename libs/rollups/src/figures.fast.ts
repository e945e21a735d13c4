import type { Figures, StatTotals } from './figures';

/**
 * figuresOf's definitions on doubles holding integers of 10^-4 units, for the sums a report meets (ten thousand
 * calls per report): exact as long as every integer involved stays within 2^53, which each step checks before
 * it computes. Anything else (more than 4 decimals, more than 15 digits, a product beyond 2^53) answers
 * undefined and figuresOf takes its BigInt path. figures.spec.ts checks both agree on generated totals.
 */
const SCALE = 4;
const POW10 = [1, 10, 100, 1_000, 10_000];
const MAX_DIGITS = 15;

class Inexact extends Error {}
const inexact = new Inexact();

/**
 * A decimal string as an integer of 10^-4 units, when that integer is exact in a double: an optional minus, 1-15
 * digits in all, at most 4 of them after an optional point (what PostgreSQL writes for a numeric). Read digit by
 * digit: with 15 digits at most, every partial value is an exact integer; no regular expression, no substrings
 * (a report reads ~100,000 of these).
 */
function units(value: string): number {
  const negative = value.charCodeAt(0) === 45; // '-'
  let n = 0;
  let digits = 0;
  let decimals = -1; // -1 until the point
  for (let i = negative ? 1 : 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 46 && decimals < 0 && digits > 0) {
      decimals = 0; // '.'
      continue;
    }
    if (c < 48 || c > 57 || ++digits > MAX_DIGITS || (decimals >= 0 && ++decimals > SCALE)) throw inexact;
    n = n * 10 + (c - 48);
  }
  if (digits === 0) throw inexact;
  const scaled = n * POW10[decimals < 0 ? SCALE : SCALE - decimals];
  if (!Number.isSafeInteger(scaled)) throw inexact;
  return negative && scaled !== 0 ? -scaled : scaled; // never -0: it would print as 0 anyway, and compares as +0 below
}

const safe = (n: number): number => {
  if (!Number.isSafeInteger(n)) throw inexact;
  return n;
};

/** n / d rounded half to even, d > 0, both safe integers: the remainder of doubles is exact. */
function divHalfEven(n: number, d: number): number {
  const rest = n % d;
  const quotient = (n - rest) / d;
  const twiceRest = 2 * Math.abs(rest);
  if (twiceRest < d || (twiceRest === d && quotient % 2 === 0)) return quotient;
  return n < 0 ? quotient - 1 : quotient + 1;
}

/** '.00' to '.99' (scale 2) and alike, made on first use: a money text is then two strings made, not five. */
const FRACTIONS: string[][] = [];
const fractionsOf = (scale: number): string[] =>
  (FRACTIONS[scale] ??= Array.from({ length: POW10[scale] }, (_, i) => `.${String(i).padStart(scale, '0')}`));

function fromUnits(value: number, scale: number): string {
  const abs = Math.abs(value);
  const rest = abs % POW10[scale];
  const text = scale === 0 ? String(abs) : String((abs - rest) / POW10[scale]) + fractionsOf(scale)[rest];
  return value < 0 ? `-${text}` : text;
}

const money = (amount: number, digits: number): string => fromUnits(divHalfEven(amount, POW10[SCALE - digits]), digits);

function ratio(a: number, b: number): number | null {
  if (b === 0) return null;
  const [n, d] = b < 0 ? [-a, -b] : [a, b];
  return divHalfEven(safe(n * POW10[SCALE]), d) / POW10[SCALE];
}

function moneyPer(amount: number, count: number, digits: number): string | null {
  if (count === 0) return null;
  return fromUnits(divHalfEven(amount, safe(count * POW10[SCALE - digits])), digits);
}

/** Spend by kind, spend, revenue, reversals and net revenue in 10^-4 units; throws `inexact` past 2^53. */
function moneyOf(t: StatTotals) {
  const retainer = units(t.spendRetainer);
  const deliverableFee = units(t.spendDeliverableFee);
  const commission = units(t.spendCommission);
  const product = units(t.spendProduct);
  const other = units(t.spendOther);
  const spend = safe(retainer + deliverableFee + commission + product + other);
  const revenue = units(t.revenue);
  const reversals = units(t.reversals);
  return { retainer, deliverableFee, commission, product, other, spend, revenue, reversals, netRevenue: safe(revenue - reversals) };
}

/** Money is presented with 0 to 4 decimals here; more goes to the BigInt path. */
const presentable = (minorUnits: number) => minorUnits >= 0 && minorUnits <= SCALE && Number.isInteger(minorUnits);

/** Runs `compute` and answers undefined when a step was not exact in doubles. */
function attempt<T>(compute: () => T): T | undefined {
  try {
    return compute();
  } catch (error) {
    if (error === inexact) return undefined;
    throw error;
  }
}

export function fastFiguresOf(t: StatTotals, minorUnits: number): Figures | undefined {
  if (!presentable(minorUnits)) return undefined;
  return attempt(() => {
    const { retainer, deliverableFee, commission, product, other, spend, revenue, reversals, netRevenue } = moneyOf(t);
    for (const count of [t.conversions, t.engagements, t.impressions, t.engagementFollowers]) safe(count);
    return {
      conversions: t.conversions,
      revenue: money(revenue, minorUnits),
      reversals: money(reversals, minorUnits),
      netRevenue: money(netRevenue, minorUnits),
      spend: money(spend, minorUnits),
      spendByKind: {
        retainer: money(retainer, minorUnits),
        deliverableFee: money(deliverableFee, minorUnits),
        commission: money(commission, minorUnits),
        product: money(product, minorUnits),
        other: money(other, minorUnits),
      },
      emv: money(units(t.emv), minorUnits),
      impressions: t.impressions,
      reach: t.reach,
      views: t.views,
      engagements: t.engagements,
      clicks: t.clicks,
      roi: ratio(safe(netRevenue - spend), spend),
      roas: ratio(netRevenue, spend),
      cpa: moneyPer(spend, t.conversions, minorUnits),
      cpe: moneyPer(spend, t.engagements, minorUnits),
      cpm: moneyPer(safe(spend * 1000), t.impressions, minorUnits),
      engagementRate: ratio(t.engagements, t.engagementFollowers),
    };
  });
}

/** presentMoney on doubles (a report presents three sums per relationship besides its figures); undefined when not exact in one. */
export function fastPresentMoney(value: string, minorUnits: number): string | undefined {
  if (!presentable(minorUnits)) return undefined;
  return attempt(() => money(units(value), minorUnits));
}

/** roiOf's ratio from exact sums of net revenue and spend; undefined when not exact in doubles. */
export function fastRoiOf(netRevenue: string, spend: string): number | null | undefined {
  return attempt(() => {
    const [net, cost] = [units(netRevenue), units(spend)];
    return ratio(safe(net - cost), cost);
  });
}
