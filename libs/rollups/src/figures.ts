import { divHalfEven, fromUnits, pow10, toUnits } from '@app/common';
import { fastFiguresOf, fastPresentMoney, fastRoiOf } from './figures.fast';

/** Money columns of relationship_daily_stats summed over a period: decimal strings as PostgreSQL returns numeric. */
export interface StatTotals {
  conversions: number;
  revenue: string;
  reversals: string;
  commission: string;
  spendRetainer: string;
  spendDeliverableFee: string;
  spendCommission: string;
  spendProduct: string;
  spendOther: string;
  impressions: number;
  reach: number;
  views: number;
  engagements: number;
  clicks: number;
  engagementFollowers: number;
  deliverablesDue: number;
  deliverablesPublished: number;
  deliverablesMissed: number;
  deliverablesOnTime: number;
  deliverablesLate: number;
  emv: string;
}

/** The headline figures of docs/metrics.md. Money in the currency's minor units; a ratio is null when its denominator is 0. */
export interface Figures {
  conversions: number;
  revenue: string;
  reversals: string;
  netRevenue: string;
  spend: string;
  spendByKind: { retainer: string; deliverableFee: string; commission: string; product: string; other: string };
  emv: string;
  impressions: number;
  reach: number;
  views: number;
  engagements: number;
  clicks: number;
  /** (net revenue − spend) / spend, as a fraction (0.25 = 25 %), 4 decimals. */
  roi: number | null;
  /** net revenue / spend, 4 decimals. */
  roas: number | null;
  cpa: string | null;
  cpe: string | null;
  cpm: string | null;
  /** engagements / followers of the accounts at publication (published deliverables with metrics), 4 decimals. */
  engagementRate: number | null;
}

const SCALE = 4;
const units = (value: string): bigint => toUnits(value, SCALE);

/** a / b as a number with 4 decimals, half-even, computed exactly; null when b is 0. */
function ratio(a: bigint, b: bigint): number | null {
  if (b === 0n) return null;
  // divHalfEven wants a positive divisor; a negative spend (corrections larger than costs) flips both signs.
  const [n, d] = b < 0n ? [-a, -b] : [a, b];
  const q = divHalfEven(n * pow10(SCALE), d);
  // Both ways give the double nearest to q / 10^4 (a division of exact doubles is correctly rounded); the
  // string round trip is for quotients beyond 2^53.
  return q <= MAX_EXACT && q >= -MAX_EXACT ? Number(q) / 10 ** SCALE : Number(fromUnits(q, SCALE));
}
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** Money (10^-4 units) divided by a count, rounded half-even to `digits` decimals; null when the count is 0. */
function moneyPer(amount: bigint, count: bigint, digits: number): string | null {
  if (count === 0n) return null;
  return fromUnits(divHalfEven(amount, count * pow10(SCALE - digits)), digits);
}

const money = (amount: bigint, digits: number): string => fromUnits(divHalfEven(amount, pow10(SCALE - digits)), digits);

/** An exact sum (up to 10^-4) as figuresOf presents money: the currency's minor units, half-even; on doubles when that is exact. */
export const presentMoney = (value: string, minorUnits: number): string =>
  fastPresentMoney(value, minorUnits) ?? money(units(value), minorUnits);

/**
 * ROI as figuresOf defines it, from exact sums of net revenue and spend (lists and trends that sum only those two):
 * on doubles when that is exact (figures.spec.ts checks it against exactFiguresOf), else in BigInt.
 */
export function roiOf(netRevenue: string, spend: string): number | null {
  const fast = fastRoiOf(netRevenue, spend);
  return fast !== undefined ? fast : ratio(units(netRevenue) - units(spend), units(spend));
}

/**
 * The metric definitions (domain.md, docs/metrics.md) for every screen and report: sums stay exact until
 * here, and rounding to the currency's `minorUnits` happens once, at presentation. The same definitions on
 * doubles (figures.fast.ts) answer whenever every integer involved is exact in one, which is nearly always;
 * the BigInt path below is the reference, and takes the rest.
 */
export function figuresOf(t: StatTotals, minorUnits: number): Figures {
  return fastFiguresOf(t, minorUnits) ?? exactFiguresOf(t, minorUnits);
}

function exactMoneyOf(t: StatTotals) {
  const spendParts = [t.spendRetainer, t.spendDeliverableFee, t.spendCommission, t.spendProduct, t.spendOther].map(units);
  const [revenue, reversals] = [units(t.revenue), units(t.reversals)];
  return { spendParts, spend: spendParts.reduce((a, b) => a + b, 0n), revenue, reversals, netRevenue: revenue - reversals };
}

/** figuresOf in BigInt arithmetic, whatever the magnitudes. */
export function exactFiguresOf(t: StatTotals, minorUnits: number): Figures {
  const { spendParts, spend, revenue, reversals, netRevenue } = exactMoneyOf(t);
  const [retainer, deliverableFee, commission, product, other] = spendParts.map((part) => money(part, minorUnits));
  return {
    conversions: t.conversions,
    revenue: money(revenue, minorUnits),
    reversals: money(reversals, minorUnits),
    netRevenue: money(netRevenue, minorUnits),
    spend: money(spend, minorUnits),
    spendByKind: { retainer, deliverableFee, commission, product, other },
    emv: money(units(t.emv), minorUnits),
    impressions: t.impressions,
    reach: t.reach,
    views: t.views,
    engagements: t.engagements,
    clicks: t.clicks,
    roi: ratio(netRevenue - spend, spend),
    roas: ratio(netRevenue, spend),
    cpa: moneyPer(spend, BigInt(t.conversions), minorUnits),
    cpe: moneyPer(spend, BigInt(t.engagements), minorUnits),
    cpm: moneyPer(spend * 1000n, BigInt(t.impressions), minorUnits),
    engagementRate: ratio(BigInt(t.engagements), BigInt(t.engagementFollowers)),
  };
}

export const ZERO_TOTALS: StatTotals = {
  conversions: 0,
  revenue: '0',
  reversals: '0',
  commission: '0',
  spendRetainer: '0',
  spendDeliverableFee: '0',
  spendCommission: '0',
  spendProduct: '0',
  spendOther: '0',
  impressions: 0,
  reach: 0,
  views: 0,
  engagements: 0,
  clicks: 0,
  engagementFollowers: 0,
  deliverablesDue: 0,
  deliverablesPublished: 0,
  deliverablesMissed: 0,
  deliverablesOnTime: 0,
  deliverablesLate: 0,
  emv: '0',
};
