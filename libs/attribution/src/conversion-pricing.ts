import { currencyMinorUnits, FieldError, fromUnits, moneyErrors, rescale, toUnits } from '@app/common';

/** Stored amounts, in the brand's currency once attributed; the original net when converted. */
export interface PricedAmounts {
  currency: string;
  grossAmount: string;
  discountAmount: string;
  netAmount: string;
  originalCurrency: string | null;
  originalNetAmount: string | null;
  fxRate: string | null;
}

const AMOUNT_SCALE = 4;
const FX_SCALE = 10;

/**
 * net = (gross − discount) × fxRate, rounded half-even to the brand currency's minor units. The converted
 * discount is gross − net (not rounded on its own), so gross − discount = net holds exactly in storage.
 * `brandCurrency` null: unattributed, kept in its own currency.
 */
export function priceConversion(
  input: { amount: string; discount?: string; currency: string; fxRate?: string },
  brandCurrency: string | null,
): { errors: FieldError[]; amounts?: PricedAmounts } {
  const discount = input.discount ?? '0';
  const errors = moneyErrors({ amount: input.amount, discount }, input.currency);
  const gross = toUnits(input.amount, AMOUNT_SCALE);
  const off = toUnits(discount, AMOUNT_SCALE);
  if (off > gross) errors.push({ field: 'discount', message: 'must not exceed amount' });
  const converts = brandCurrency !== null && brandCurrency !== input.currency;
  if (converts && input.fxRate === undefined)
    errors.push({ field: 'fxRate', message: `is required: the brand's currency is ${brandCurrency}, not ${input.currency}` });
  if (errors.length || input.fxRate === undefined || !converts) {
    const amounts = {
      currency: input.currency,
      grossAmount: input.amount,
      discountAmount: discount,
      netAmount: fromUnits(gross - off, AMOUNT_SCALE),
      originalCurrency: null,
      originalNetAmount: null,
      fxRate: null,
    };
    return errors.length ? { errors } : { errors, amounts };
  }
  const rate = toUnits(input.fxRate, FX_SCALE);
  const digits = currencyMinorUnits(brandCurrency);
  const toBrand = (units: bigint) => rescale(units * rate, AMOUNT_SCALE + FX_SCALE, digits);
  const grossConverted = toBrand(gross);
  const netConverted = toBrand(gross - off);
  return {
    errors,
    amounts: {
      currency: brandCurrency,
      grossAmount: fromUnits(grossConverted, digits),
      discountAmount: fromUnits(grossConverted - netConverted, digits),
      netAmount: fromUnits(netConverted, digits),
      originalCurrency: input.currency,
      originalNetAmount: fromUnits(gross - off, AMOUNT_SCALE),
      fxRate: input.fxRate,
    },
  };
}

/** net × rate% kept at 4 decimals (half-even); presentation rounds to the currency's minor units. */
export function commissionOf(netAmount: string, ratePercent: string): string {
  const product = toUnits(netAmount, AMOUNT_SCALE) * toUnits(ratePercent, 4);
  return fromUnits(rescale(product, AMOUNT_SCALE + 4 + 2, AMOUNT_SCALE), AMOUNT_SCALE);
}
