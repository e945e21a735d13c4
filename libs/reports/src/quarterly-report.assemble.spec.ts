import { figuresOf, StatTotals, ZERO_TOTALS } from '@app/rollups';
import { adjustmentsOf, outcomesOf, rankByRoi } from './quarterly-report.assemble';

const figures = (over: Partial<StatTotals>) => figuresOf({ ...ZERO_TOTALS, ...over }, 2);
const row = (id: string, name: string, over: Partial<StatTotals>) => ({
  rank: 0,
  relationshipId: id,
  influencer: { id: `i-${id}`, name, tier: 'micro' as const, followers: 10_000 },
  figures: figures(over),
  deliverables: outcomesOf({ ...ZERO_TOTALS, ...over }),
  accruedThrough: null,
  pendingCommission: '0.00',
  paid: '0.00',
  owed: '0.00',
});

describe('quarterly report assembly', () => {
  it('ranks by ROI, then puts relationships without spend last by net revenue, then name and id', () => {
    const ranked = rankByRoi(
      [
        row('a', 'Zed', { revenue: '100' }),
        row('b', 'Amy', { revenue: '300', spendOther: '100' }),
        row('c', 'Bob', { revenue: '900' }),
        row('d', 'Cat', { revenue: '150', spendOther: '100' }),
        row('e', 'Ann', { revenue: '100' }),
        row('f', 'Ann', { revenue: '100' }),
        row('g', 'Dan', { revenue: '50', spendOther: '100' }),
      ],
      2,
    );
    expect(ranked.map((r) => [r.rank, r.relationshipId, r.figures.roi])).toEqual([
      [1, 'b', 2],
      [2, 'd', 0.5],
      [3, 'g', -0.5],
      [4, 'c', null],
      [5, 'e', null],
      [6, 'f', null],
      [7, 'a', null],
    ]);
  });

  it('never counts open deliverables below zero', () => {
    expect(outcomesOf({ ...ZERO_TOTALS, deliverablesDue: 5, deliverablesOnTime: 2, deliverablesLate: 1, deliverablesMissed: 1 })).toEqual({
      due: 5,
      onTime: 2,
      late: 1,
      missed: 1,
      open: 1,
    });
    expect(outcomesOf({ ...ZERO_TOTALS, deliverablesDue: 1, deliverablesOnTime: 1, deliverablesLate: 1 })).toMatchObject({ open: 0 });
  });

  it('lists live minus snapshot for changed quarters only, oldest first, skipping snapshots of another fiscal year start', () => {
    const snapshot = (quarter: string, fiscalYearStartMonth = 1) => ({
      quarter,
      fiscalYearStartMonth,
      totals: { netRevenue: '100.00', spend: '40.00', conversions: 2 },
    });
    const live = new Map([
      ['2026-Q1', figures({ revenue: '120', reversals: '30', spendOther: '40', conversions: 3 })],
      ['2025-Q4', figures({ revenue: '100', spendOther: '40', conversions: 2 })],
      ['2025-Q3', figures({ revenue: '1' })],
    ]);
    expect(adjustmentsOf([snapshot('2026-Q1'), snapshot('2025-Q4'), snapshot('2025-Q3', 4), snapshot('2025-Q2')], live, 1, 2)).toEqual([
      { quarter: '2025-Q2', netRevenue: '-100.00', spend: '-40.00', conversions: -2 },
      { quarter: '2026-Q1', netRevenue: '-10.00', spend: '0.00', conversions: 1 },
    ]);
  });
});
