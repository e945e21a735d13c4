import { ValidateBy, ValidationOptions } from 'class-validator';
import { FieldError } from './app.exception';
import { currencyMinorUnits } from './validators';

const DECIMAL = /^\d{1,15}(\.\d{1,4})?$/;

/**
 * Money crosses the API as a decimal string ("1250.00") and is stored as numeric: never a float. The
 * DTO checks the form (non-negative, at most 4 decimals); the service checks the currency's minor
 * units once it knows the currency (the brand's), with moneyErrors().
 */
export const IsMoney = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isMoney',
      validator: {
        validate: (value) => typeof value === 'string' && DECIMAL.test(value),
        defaultMessage: () => 'must be a non-negative decimal string such as "1250.00"',
      },
    },
    options,
  );

/** Fields whose value has more decimals than the currency allows (JPY 0, EUR 2, KWD 3). */
export function moneyErrors(values: Record<string, string | null | undefined>, currency: string): FieldError[] {
  const digits = currencyMinorUnits(currency);
  return Object.entries(values)
    .filter(([, value]) => typeof value === 'string' && (value.split('.')[1]?.length ?? 0) > digits)
    .map(([field]) => ({
      field,
      message: digits === 0 ? `${currency} has no minor unit: use a whole amount` : `${currency} allows at most ${digits} decimals`,
    }));
}

/** numeric(20,4) reads back as "1250.0000": present it with the currency's minor units ("1250.00"). */
export function formatMoney(value: string, currency: string): string {
  const digits = currencyMinorUnits(currency);
  const [whole, fraction = ''] = value.split('.');
  return digits === 0 ? whole : `${whole}.${fraction.padEnd(digits, '0').slice(0, digits)}`;
}
