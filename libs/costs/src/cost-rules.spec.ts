import { daysInMonth, fromMinorUnits, manualCostErrors, retainerForDay, toMinorUnits } from './cost-rules';

const monthDates = (month: string) =>
  Array.from({ length: daysInMonth(`${month}-01`) }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
const sum = (amounts: string[], digits: number) =>
  fromMinorUnits(
    amounts.reduce((total, a) => total + toMinorUnits(a, digits), 0n),
    digits,
  );

describe(retainerForDay.name, () => {
  it('splits a month into days whose sum is exactly the monthly amount', () => {
    for (const [month, monthly, digits] of [
      ['2026-01', '1000.00', 2],
      ['2026-02', '1000.00', 2],
      ['2028-02', '999.99', 2],
      ['2026-04', '100000', 0],
      ['2026-03', '1.000', 3],
      ['2026-06', '0.29', 2],
    ] as const) {
      expect(
        sum(
          monthDates(month).map((d) => retainerForDay(monthly, d, digits)),
          digits,
        ),
      ).toBe(fromMinorUnits(toMinorUnits(monthly, digits), digits));
    }
  });

  it('gives each day the floor or the ceiling of the daily share, the last day taking a leftover', () => {
    const days = monthDates('2026-01').map((d) => retainerForDay('1000.00', d, 2));
    expect(new Set(days)).toEqual(new Set(['32.25', '32.26']));
    expect(days[0]).toBe('32.25');
    expect(days[30]).toBe('32.26');
    expect(retainerForDay('1000.00', '2026-02-14', 2)).toBe('35.72');
    expect(retainerForDay('3000', '2026-04-30', 0)).toBe('100');
  });

  it('keeps any run of days from the 1st within one minor unit of the exact pro rata', () => {
    const days = monthDates('2026-01').map((d) => toMinorUnits(retainerForDay('1000.00', d, 2), 2));
    let running = 0n;
    days.forEach((minor, i) => {
      running += minor;
      const exact = (100000 * (i + 1)) / 31;
      expect(Math.abs(Number(running) - exact)).toBeLessThan(1);
    });
  });

  it('refuses a negative retainer, a malformed date and more decimals than the currency has', () => {
    expect(() => retainerForDay('-1.00', '2026-01-01', 2)).toThrow(/negative/);
    expect(() => retainerForDay('1.00', '2026-1-01', 2)).toThrow(/date/);
    expect(() => retainerForDay('1.5', '2026-01-01', 0)).toThrow(/decimals/);
    expect(retainerForDay('3100.0000', '2026-01-01', 2)).toBe('100.00');
  });
});

describe(manualCostErrors.name, () => {
  it('allows positive product and other costs, and negative other with a description', () => {
    expect(manualCostErrors('product', '49.90', undefined)).toEqual([]);
    expect(manualCostErrors('other', '-20.00', 'Shipping billed twice')).toEqual([]);
  });

  it('refuses zero, negative product costs and undescribed corrections', () => {
    expect(manualCostErrors('other', '0.00', 'x')).toEqual([{ field: 'amount', message: 'must not be zero' }]);
    expect(manualCostErrors('product', '-5', 'x')[0].field).toBe('amount');
    expect(manualCostErrors('other', '-5', '  ')[0].field).toBe('description');
  });

  it('takes signed bonuses and adjustments (owed to the ambassador), a negative one only with a description', () => {
    expect(manualCostErrors('bonus', '100.00', undefined)).toEqual([]);
    expect(manualCostErrors('adjustment', '-12.50', 'Overpaid in March')).toEqual([]);
    expect(manualCostErrors('bonus', '-10', undefined)[0].field).toBe('description');
    expect(manualCostErrors('adjustment', '-0.01', '')[0].field).toBe('description');
  });
});
