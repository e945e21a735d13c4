import { commissionOf, priceConversion } from './conversion-pricing';

describe(priceConversion.name, () => {
  it('keeps amounts in the brand currency as sent', () => {
    expect(priceConversion({ amount: '100.00', discount: '10.00', currency: 'EUR' }, 'EUR').amounts).toMatchObject({
      netAmount: '90.0000',
      fxRate: null,
      originalCurrency: null,
    });
  });

  it('converts with half-even rounding and keeps gross − discount = net', () => {
    const { amounts } = priceConversion({ amount: '100.00', discount: '0.25', currency: 'USD', fxRate: '0.9' }, 'EUR');
    // (100 − 0.25) × 0.9 = 89.775 → 89.78 (half-even on 7 → up); gross 90.00; discount 0.22
    expect(amounts).toEqual({
      currency: 'EUR',
      grossAmount: '90.00',
      discountAmount: '0.22',
      netAmount: '89.78',
      originalCurrency: 'USD',
      originalNetAmount: '99.7500',
      fxRate: '0.9',
    });
    expect(priceConversion({ amount: '0.05', currency: 'USD', fxRate: '0.5' }, 'EUR').amounts?.netAmount).toBe('0.02');
    expect(priceConversion({ amount: '1000', currency: 'EUR', fxRate: '160.123' }, 'JPY').amounts?.netAmount).toBe('160123');
  });

  it('rejects a missing fx rate, a discount above the amount and too many decimals', () => {
    expect(priceConversion({ amount: '10.00', currency: 'USD' }, 'EUR').errors).toEqual([
      { field: 'fxRate', message: "is required: the brand's currency is EUR, not USD" },
    ]);
    expect(priceConversion({ amount: '10.00', discount: '11', currency: 'EUR' }, 'EUR').errors).toEqual([
      { field: 'discount', message: 'must not exceed amount' },
    ]);
    expect(priceConversion({ amount: '10.5', currency: 'JPY' }, null).errors).toEqual([
      { field: 'amount', message: 'JPY has no minor unit: use a whole amount' },
    ]);
  });
});

describe(commissionOf.name, () => {
  it('multiplies exactly and rounds half-even at 4 decimals', () => {
    expect(commissionOf('89.78', '10')).toBe('8.9780');
    expect(commissionOf('0.0005', '50')).toBe('0.0002');
    expect(commissionOf('100', '12.5')).toBe('12.5000');
  });
});
