import { addDays, fiscalQuarter, quartersBack, todayIn } from './dates';

describe('console dates', () => {
  it('names the fiscal quarter by the calendar year the fiscal year starts in', () => {
    expect(fiscalQuarter('2026-12-04', 1)).toBe('2026-Q4');
    expect(fiscalQuarter('2026-05-10', 4)).toBe('2026-Q1');
    expect(fiscalQuarter('2027-03-31', 4)).toBe('2026-Q4');
    expect(fiscalQuarter('2026-04-01', 4)).toBe('2026-Q1');
    expect(fiscalQuarter('2026-01-15', 10)).toBe('2025-Q2');
  });

  it("reads today in the brand's zone, and adds days across months and leap years", () => {
    const instant = new Date('2026-12-31T23:30:00Z');
    expect(todayIn('Europe/Paris', instant)).toBe('2027-01-01');
    expect(todayIn('America/Los_Angeles', instant)).toBe('2026-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 90)).toBe('2027-03-31');
  });

  it('lists quarters back across a year', () => {
    expect(quartersBack('2026-Q2', 3)).toEqual(['2026-Q2', '2026-Q1', '2025-Q4']);
  });
});
