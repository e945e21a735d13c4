import fc from 'fast-check';
import { divHalfEven, fromUnits } from '@app/common';
import { exactFiguresOf, figuresOf, presentMoney, roiOf, StatTotals, ZERO_TOTALS } from './figures';
import { fastFiguresOf, fastPresentMoney, fastRoiOf } from './figures.fast';

const totals = (over: Partial<StatTotals>): StatTotals => ({ ...ZERO_TOTALS, ...over });

describe(figuresOf.name, () => {
  it('computes the definitions of docs/metrics.md exactly and rounds money once, half-even', () => {
    // 1,000.00 retainer + 250.00 fees + 30.125 commission = 1,280.125 spend; net revenue 2,000 − 100.50.
    const figures = figuresOf(
      totals({
        conversions: 7,
        revenue: '2000.0000',
        reversals: '100.5000',
        spendRetainer: '1000',
        spendDeliverableFee: '250',
        spendCommission: '30.125',
        impressions: 40_000,
        engagements: 1_200,
        engagementFollowers: 24_000,
        emv: '812.3450',
      }),
      2,
    );

    expect(figures).toMatchObject({
      netRevenue: '1899.50',
      spend: '1280.12',
      spendByKind: { retainer: '1000.00', deliverableFee: '250.00', commission: '30.12', product: '0.00', other: '0.00' },
      emv: '812.34',
      roi: 0.4838,
      roas: 1.4838,
      cpa: '182.88',
      cpe: '1.07',
      cpm: '32.00',
      engagementRate: 0.05,
    });
  });

  it('answers null, never 0 or Infinity, for every ratio whose denominator is 0', () => {
    const figures = figuresOf(totals({ revenue: '50' }), 0);

    expect(figures).toMatchObject({
      netRevenue: '50',
      spend: '0',
      roi: null,
      roas: null,
      cpa: null,
      cpe: null,
      cpm: null,
      engagementRate: null,
    });
  });

  it('keeps the sign right when corrections make spend negative', () => {
    expect(figuresOf(totals({ revenue: '10', spendOther: '-5' }), 2)).toMatchObject({ roi: -3, roas: -2 });
  });

  it('gives each ratio as the double nearest its exact 4-decimal quotient, small or beyond 2^53', () => {
    const amount = fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }).map((units) => fromUnits(units, 4));
    fc.assert(
      fc.property(amount, amount, (revenue, spendOther) => {
        const [net, spend] = [BigInt(revenue.replace('.', '')), BigInt(spendOther.replace('.', ''))];
        // The decimal string of the half-even quotient, read by Number: what the ratio means.
        const expected = (a: bigint, b: bigint) =>
          b === 0n ? null : Number(fromUnits(divHalfEven((b < 0n ? -a : a) * 10_000n, b < 0n ? -b : b), 4));
        const figures = figuresOf(totals({ revenue, spendOther }), 2);
        expect(figures.roi).toBe(expected(net - spend, spend));
        expect(figures.roas).toBe(expected(net, spend));
      }),
      // A quotient past 2^53 whose double of the integer, divided, rounds differently from its decimal string.
      { numRuns: 5_000, examples: [['560158432560428.4879', '1.0000']] },
    );
  });

  describe('the double fast path', () => {
    /** Decimal strings as PostgreSQL sums them: 0-6 decimals, small to beyond 2^53 units, signs, zeros written out. */
    const decimal = fc
      .oneof(
        { weight: 20, arbitrary: fc.tuple(fc.bigInt({ min: -(10n ** 7n), max: 10n ** 7n }), fc.integer({ min: 0, max: 4 })) },
        { weight: 1, arbitrary: fc.tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 6 })) },
        {
          weight: 1,
          arbitrary: fc.tuple(
            fc.constantFrom(0n, 1n, -1n, 5n, -5n, 15n, 25n, 10n ** 11n, 10n ** 15n - 1n, 10n ** 15n, 2n ** 53n),
            fc.integer({ min: 0, max: 6 }),
          ),
        },
      )
      .map(([units, scale]) => fromUnits(units, scale));
    const count = fc.oneof(
      { weight: 20, arbitrary: fc.integer({ min: 0, max: 1_000 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }) },
    );
    const statTotals = fc.record({
      conversions: count,
      revenue: decimal,
      reversals: decimal,
      commission: decimal,
      spendRetainer: decimal,
      spendDeliverableFee: decimal,
      spendCommission: decimal,
      spendProduct: decimal,
      spendOther: decimal,
      impressions: count,
      reach: count,
      views: count,
      engagements: count,
      clicks: count,
      engagementFollowers: count,
      deliverablesDue: count,
      deliverablesPublished: count,
      deliverablesMissed: count,
      deliverablesOnTime: count,
      deliverablesLate: count,
      emv: decimal,
    });

    /**
     * `fast` answers what `exact` does or nothing (undefined), and answers for most generated inputs, or the
     * property would prove nothing; `always` (the fast path with its BigInt fallback) answers what `exact` does.
     */
    function agreesOrDeclines<T>(input: fc.Arbitrary<T>, exact: (x: T) => unknown, fast: (x: T) => unknown, always: (x: T) => unknown) {
      let answered = 0;
      fc.assert(
        fc.property(input, (x) => {
          const expected = exact(x);
          const quick = fast(x);
          if (quick !== undefined) {
            answered++;
            expect(quick).toBe(expected);
          }
          expect(always(x)).toBe(expected);
        }),
        { numRuns: 20_000 },
      );
      expect(answered).toBeGreaterThan(1_000);
    }

    it('answers exactly what the BigInt path answers, or nothing', () => {
      let answered = 0;
      fc.assert(
        fc.property(statTotals, fc.integer({ min: 0, max: 4 }), (t, minorUnits) => {
          const fast = fastFiguresOf(t, minorUnits);
          if (fast === undefined) return;
          answered++;
          expect(fast).toEqual(exactFiguresOf(t, minorUnits));
        }),
        { numRuns: 20_000 },
      );
      // The fast path must actually be taken for most generated totals, or this test would prove nothing.
      expect(answered).toBeGreaterThan(1_000);
    });

    it('gives the ROI of sums of net revenue and spend as the BigInt path does, or nothing; roiOf always', () => {
      agreesOrDeclines(
        fc.tuple(decimal, decimal),
        ([netRevenue, spend]) => exactFiguresOf(totals({ revenue: netRevenue, spendOther: spend }), 2).roi,
        ([netRevenue, spend]) => fastRoiOf(netRevenue, spend),
        ([netRevenue, spend]) => roiOf(netRevenue, spend),
      );
      // Past 2^53 in the ratio's numerator: the BigInt path answers.
      expect(fastRoiOf('900000000000.0000', '1')).toBeUndefined();
      expect(roiOf('900000000000.0000', '1')).toBe(exactFiguresOf(totals({ revenue: '900000000000.0000', spendOther: '1' }), 2).roi);
    });

    it('presents a sum as the BigInt path does, or nothing; presentMoney always', () => {
      agreesOrDeclines(
        fc.tuple(decimal, fc.integer({ min: 0, max: 4 })),
        ([value, minorUnits]) => exactFiguresOf(totals({ revenue: value }), minorUnits).revenue,
        ([value, minorUnits]) => fastPresentMoney(value, minorUnits),
        ([value, minorUnits]) => presentMoney(value, minorUnits),
      );
      expect(fastPresentMoney('0.00005', 2)).toBeUndefined();
      expect(presentMoney('0.00005', 2)).toBe('0.00');
    });

    it('takes the sums of a real report, and leaves more than 4 decimals or 15 digits to the BigInt path', () => {
      const report = totals({ revenue: '1234567.8900', spendRetainer: '32.8767', emv: '41.2345', conversions: 2, impressions: 5000 });
      expect(fastFiguresOf(report, 2)).toEqual(exactFiguresOf(report, 2));
      expect(fastFiguresOf(totals({ revenue: '0.00005' }), 2)).toBeUndefined();
      expect(fastFiguresOf(totals({ revenue: '1234567890123456' }), 2)).toBeUndefined();
      expect(fastFiguresOf(totals({ revenue: '1e5' }), 2)).toBeUndefined();
      for (const odd of ['', '-', '.5', '-.5', '1.2.3', ' 1', '1 ', '+1', '0x10', '1,5'])
        expect(fastFiguresOf(totals({ revenue: odd }), 2)).toBeUndefined();
      for (const edge of ['-0', '-0.0000', '12.', '00000000000001.5', '99999999999.9999', '-99999999999.9999'])
        expect(fastFiguresOf(totals({ revenue: edge }), 2)).toEqual(exactFiguresOf(totals({ revenue: edge }), 2));
    });
  });
});
