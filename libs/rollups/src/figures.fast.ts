import type { Figures, StatTotals } from './figures';

/**
 * figuresOf's definitions on doubles holding integers of 10^-4 units, for the sums a report meets (ten thousand
 * calls per report): exact as long as every integer involved stays within 2^53, which each step checks before
 * it computes. Anything else (more than 4 decimals, more than 15 digits, a product beyond 2^53) answers
 * undefined and figuresOf takes its BigInt path. figures.spec.ts checks both agree on generated totals.
 */
const SCALE = 4;
const POW10 = [1, 10, 100, 1_000, 10_000];
const PLAIN = /^-?\d{1,15}(?:\.\d{0,4})?$/;

class Inexact extends Error {}
const inexact = new Inexact();

/** A decimal string as an integer of 10^-4 units, when that integer is exact in a double (< 10^15 units). */
function units(value: string): number {
  if (!PLAIN.test(value)) throw inexact;
  const dot = value.indexOf('.');
  const digits = dot === -1 ? value : value.slice(0, dot) + value.slice(dot + 1);
  const decimals = dot === -1 ? 0 : value.length - dot - 1;
  if (digits.length - (digits[0] === '-' ? 1 : 0) > 15) throw inexact;
  const n = Number(digits) * POW10[SCALE - decimals];
  if (!Number.isSafeInteger(n)) throw inexact;
  return n === 0 ? 0 : n; // -0 would print as 0 anyway; keep it +0 for the comparisons below
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

function fromUnits(value: number, scale: number): string {
  const digits = String(Math.abs(value)).padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
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

export function fastFiguresOf(t: StatTotals, minorUnits: number): Figures | undefined {
  if (!(minorUnits >= 0 && minorUnits <= SCALE && Number.isInteger(minorUnits))) return undefined;
  try {
    const retainer = units(t.spendRetainer);
    const deliverableFee = units(t.spendDeliverableFee);
    const commission = units(t.spendCommission);
    const product = units(t.spendProduct);
    const other = units(t.spendOther);
    const spend = safe(retainer + deliverableFee + commission + product + other);
    const revenue = units(t.revenue);
    const reversals = units(t.reversals);
    const netRevenue = safe(revenue - reversals);
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
  } catch (error) {
    if (error === inexact) return undefined;
    throw error;
  }
}
