import { formatMoney, moneyErrors } from './money';

describe(moneyErrors.name, () => {
  it('allows the minor units of each currency and refuses more', () => {
    expect(moneyErrors({ retainer: '1250.50' }, 'EUR')).toEqual([]);
    expect(moneyErrors({ retainer: '1250.505' }, 'EUR')).toEqual([{ field: 'retainer', message: 'EUR allows at most 2 decimals' }]);
    expect(moneyErrors({ fee: '1000' }, 'JPY')).toEqual([]);
    expect(moneyErrors({ fee: '1000.5' }, 'JPY')).toEqual([{ field: 'fee', message: 'JPY has no minor unit: use a whole amount' }]);
    expect(moneyErrors({ fee: '1.125', other: undefined }, 'KWD')).toEqual([]);
  });
});

describe(formatMoney.name, () => {
  it('presents stored numerics with the currency minor units', () => {
    expect(formatMoney('1250.0000', 'EUR')).toBe('1250.00');
    expect(formatMoney('1250.0000', 'JPY')).toBe('1250');
    expect(formatMoney('7', 'USD')).toBe('7.00');
  });
});
