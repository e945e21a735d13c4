import { DateTime } from 'luxon';
import { formatMoney, fromUnits, roundTo, toUnits } from '@app/common';

/** What every empty ratio or amount shows: a ratio whose denominator is 0 has no value, not 0. */
export const NA = 'n/a';

/** "12345.6" in EUR → "12,345.60 EUR": the currency's minor units (formatMoney), thousands grouped for reading. */
export function money(value: string | null, currency: string): string {
  if (value === null) return NA;
  const [whole, fraction] = formatMoney(value, currency).split('.');
  const negative = whole.startsWith('-');
  const grouped = (negative ? whole.slice(1) : whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`} ${currency}`;
}

/** A ratio (0.2537) as a percentage with one decimal ("25.4 %"), rounded half-even without a float product. */
export function percent(ratio: number | null): string {
  if (ratio === null) return NA;
  return `${roundTo(fromUnits(toUnits(ratio.toFixed(4), 4), 2), 1)} %`;
}

/** A change, `text` being `raw` formatted: "+" in front of a positive one, so a delta never reads as a level. */
export function signed(raw: string | number, text: string): string {
  return Number(raw) > 0 ? `+${text}` : text;
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** "2026-07" → "Jul 2026"; "2026-07-01" → "1 Jul 2026". */
export function monthLabel(month: string): string {
  return DateTime.fromISO(`${month}-01`).toFormat('LLL yyyy');
}

export function dayLabel(date: string): string {
  return DateTime.fromISO(date).toFormat('d LLL yyyy');
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
