import { bucketsOf, daysBetween } from './buckets';

describe('performance buckets', () => {
  it('has one bucket per day, counting both ends, across a leap day', () => {
    expect(daysBetween('2028-02-27', '2028-03-01')).toBe(4);
    expect(bucketsOf('2028-02-28', '2028-03-01', 'day', 1).map((b) => b.label)).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
  });

  it('clips the first and last month to the range', () => {
    expect(bucketsOf('2026-01-15', '2026-03-10', 'month', 1)).toEqual([
      { label: '2026-01', from: '2026-01-15', to: '2026-01-31' },
      { label: '2026-02', from: '2026-02-01', to: '2026-02-28' },
      { label: '2026-03', from: '2026-03-01', to: '2026-03-10' },
    ]);
  });

  it("follows the brand's fiscal quarters", () => {
    expect(bucketsOf('2026-03-15', '2026-07-10', 'quarter', 4)).toEqual([
      { label: '2025-Q4', from: '2026-03-15', to: '2026-03-31' },
      { label: '2026-Q1', from: '2026-04-01', to: '2026-06-30' },
      { label: '2026-Q2', from: '2026-07-01', to: '2026-07-10' },
    ]);
    expect(bucketsOf('2026-05-05', '2026-05-05', 'quarter', 1)).toEqual([{ label: '2026-Q2', from: '2026-05-05', to: '2026-05-05' }]);
  });
});
