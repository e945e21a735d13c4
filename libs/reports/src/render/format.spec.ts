import { money, percent, signed } from './format';

describe('report formatting', () => {
  it('formats money with the currency minor units and grouped thousands, ratios as percentages, null as n/a', () => {
    expect(money('12345.6', 'EUR')).toBe('12,345.60 EUR');
    expect(money('-1234567.5', 'JPY')).toBe('-1,234,567 JPY');
    expect(money('0.1234', 'KWD')).toBe('0.123 KWD');
    expect(money(null, 'EUR')).toBe('n/a');
    expect(percent(0.2537)).toBe('25.4 %');
    expect(percent(-0.0125)).toBe('-1.2 %');
    expect(percent(5.1728)).toBe('517.3 %');
    expect(percent(null)).toBe('n/a');
    expect(signed('12.00', '12.00 EUR')).toBe('+12.00 EUR');
    expect(signed(-1, '-1')).toBe('-1');
  });
});
