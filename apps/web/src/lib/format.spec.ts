import { exactMoney, money, renewalLength } from './format';

describe('money as the console and portal show it', () => {
  it('keeps every digit the API sent, in the currency’s own minor units, without a float', () => {
    expect(exactMoney('1250.00', 'EUR')).toBe('1,250.00 EUR');
    expect(exactMoney('5000', 'JPY')).toBe('5,000 JPY');
    expect(exactMoney('-0.125', 'KWD')).toBe('−0.125 KWD');
    // Past 2^53 a float would have lost the last cents.
    expect(exactMoney('90071992547409.93', 'USD')).toBe('90,071,992,547,409.93 USD');
    expect(exactMoney(null, 'EUR')).toBe('—');
  });

  it('rounds only headline figures to whole units', () => {
    expect(money('1250.50', 'EUR')).toMatch(/1,251/);
    expect(money(undefined, 'EUR')).toBe('—');
  });
});

describe('the renewal of an auto-renewing term', () => {
  it('names its length, or the current term’s when none is set', () => {
    expect(renewalLength(12)).toBe('for 12 months');
    expect(renewalLength(1)).toBe('for 1 month');
    expect(renewalLength(null)).toBe('for as long as this term');
    expect(renewalLength(undefined)).toBe('for as long as this term');
  });
});
