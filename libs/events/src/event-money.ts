import { currencyMinorUnits, roundTo } from '@app/common';

/**
 * Amounts in event data as the API shows them (api.md: a decimal string with the currency's minor units,
 * "1250.00", JPY "1250", KWD "1250.000"), rounded half to even as the API's views round the 4 stored places.
 */
export function eventMoney(value: string, currency: string): string {
  return roundTo(value, currencyMinorUnits(currency));
}

/** Currencies whose minor units are not 2, by their digits (Intl's ISO 4217 data, as currencyMinorUnits reads it). */
const OTHER_DIGITS = Intl.supportedValuesOf('currency').filter((code) => currencyMinorUnits(code) !== 2);

/** The minor units of a currency column, as SQL. */
function digitsSql(currency: string): string {
  const cases = OTHER_DIGITS.map((code) => `WHEN '${code}' THEN ${currencyMinorUnits(code)}`).join(' ');
  return `(CASE ${currency} ${cases} ELSE 2 END)`;
}

/**
 * eventMoney in SQL, for set-based writers: `value` (numeric) rounded half to even to the minor units of
 * `currency` and written with exactly that many decimals. PostgreSQL's round() rounds half away from zero, so
 * an exact half with an even digit before it is truncated instead.
 */
export function eventMoneySql(value: string, currency: string): string {
  const digits = digitsSql(currency);
  const scaled = `(${value} * 10::numeric ^ ${digits})`;
  return `round(CASE WHEN abs(${scaled} - trunc(${scaled})) = 0.5 AND trunc(${scaled}) % 2 = 0
    THEN trunc(${scaled}) / 10::numeric ^ ${digits} ELSE round(${value}, ${digits}) END, ${digits})::text`;
}
