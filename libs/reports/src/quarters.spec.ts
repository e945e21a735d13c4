import fc from 'fast-check';
import { monthRange, monthsBetween, parseQuarter, quarterOf, quarterRange, shiftMonth, shiftQuarter } from './quarters';

describe('fiscal quarters', () => {
  it('parses YYYY-Qn and nothing else', () => {
    expect(parseQuarter('2026-Q3')).toEqual({ fiscalYear: 2026, q: 3 });
    for (const text of ['2026-Q0', '2026-Q5', '2026Q3', '26-Q3', '2026-q3', ' 2026-Q3', '2026-Q3 ', ''])
      expect(parseQuarter(text)).toBeNull();
  });

  it('gives calendar quarters when the fiscal year starts in January', () => {
    expect(quarterRange('2026-Q1', 1)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterRange('2026-Q3', 1)).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(quarterRange('2026-Q4', 1)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterOf('2026-12-31', 1)).toBe('2026-Q4');
    expect(quarterOf('2027-01-01', 1)).toBe('2027-Q1');
  });

  it('names a fiscal year starting in April by the calendar year it starts in', () => {
    expect(quarterRange('2026-Q1', 4)).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(quarterRange('2026-Q4', 4)).toEqual({ from: '2027-01-01', to: '2027-03-31' });
    expect(quarterOf('2026-03-31', 4)).toBe('2025-Q4');
    expect(quarterOf('2026-04-01', 4)).toBe('2026-Q1');
    expect(quarterOf('2027-02-15', 4)).toBe('2026-Q4');
  });

  it('ends February on the 28th or the 29th', () => {
    expect(quarterRange('2023-Q4', 12)).toEqual({ from: '2024-09-01', to: '2024-11-30' });
    expect(quarterRange('2023-Q1', 12)).toEqual({ from: '2023-12-01', to: '2024-02-29' });
    expect(quarterRange('2024-Q1', 12)).toEqual({ from: '2024-12-01', to: '2025-02-28' });
    expect(quarterRange('2099-Q1', 12)).toEqual({ from: '2099-12-01', to: '2100-02-28' });
  });

  it('shifts across fiscal years', () => {
    expect(shiftQuarter('2026-Q4', 1)).toBe('2027-Q1');
    expect(shiftQuarter('2026-Q1', -1)).toBe('2025-Q4');
    expect(shiftQuarter('2026-Q3', -3)).toBe('2025-Q4');
    expect(shiftQuarter('2026-Q3', 0)).toBe('2026-Q3');
  });

  it('refuses malformed quarters and months instead of inventing dates', () => {
    expect(() => quarterRange('2026-Q5', 1)).toThrow(/Not a quarter/);
    expect(() => quarterRange('2026-Q1', 13)).toThrow(/Not a month/);
    expect(() => quarterOf('2026-01-01', 0)).toThrow(/Not a month/);
  });

  it('lists the months a period touches', () => {
    expect(monthsBetween('2026-11-15', '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-05-02', '2026-05-03')).toEqual(['2026-05']);
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(shiftMonth('2026-07', -11)).toBe('2025-08');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
  });

  it('tiles the calendar: every day is in the quarter whose range holds it, and quarters follow each other', () => {
    const day = fc
      .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 12 }), (date, start) => {
        const quarter = quarterOf(date, start);
        const { from, to } = quarterRange(quarter, start);
        expect(from <= date && date <= to).toBe(true);
        const next = quarterRange(shiftQuarter(quarter, 1), start);
        expect(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000).toBe(new Date(`${next.from}T00:00:00Z`).getTime());
        expect(quarterOf(from, start)).toBe(quarter);
        expect(quarterOf(to, start)).toBe(quarter);
        expect(Number(quarter.slice(0, 4))).toBe(Number(from.slice(0, 4)) - (Number(from.slice(5, 7)) < start ? 1 : 0));
      }),
    );
  });
});
