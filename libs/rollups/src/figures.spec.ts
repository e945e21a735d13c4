import fc from 'fast-check';
import { divHalfEven, fromUnits } from '@app/common';
import { figuresOf, StatTotals, ZERO_TOTALS } from './figures';

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
});
