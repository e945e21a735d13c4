import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';

const currencies = new Set(Intl.supportedValuesOf('currency'));
const timeZones = new Set(Intl.supportedValuesOf('timeZone'));

export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value) && currencies.has(value);
}

/** IANA names, including the canonical aliases (UTC, Etc/...) that Intl accepts but does not list. */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[A-Za-z_+\-/0-9]{1,64}$/.test(value)) return false;
  if (timeZones.has(value)) return true;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone.length > 0;
  } catch {
    return false;
  }
}

// Bounded: a webhook may send any well-formed code, and each would otherwise stay.
const minorUnits = new Map<string, number>();

/** ISO 4217 minor units: 2 for most, 0 for JPY/KRW..., 3 for BHD/KWD... */
export function currencyMinorUnits(currency: string): number {
  // Memoised: an Intl.NumberFormat costs ~50 µs to build, and batch ingest asks twice per row.
  let digits = minorUnits.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    if (minorUnits.size < 1_000) minorUnits.set(currency, digits);
  }
  return digits;
}

function simple(name: string, test: (value: unknown) => boolean, message: string) {
  return (options?: ValidationOptions) => (target: object, propertyName: string) =>
    registerDecorator({ name, target: target.constructor, propertyName, options: { message, ...options }, validator: { validate: test } });
}

export const IsCurrencyCode = simple('isCurrencyCode', isCurrencyCode, 'must be an ISO 4217 currency code such as EUR or USD');
export const IsTimeZone = simple('isTimeZone', isTimeZone, 'must be an IANA time zone such as Europe/Paris');

/**
 * Optional but never null, for fields whose column has no "unknown" state: unlike @IsOptional, a null
 * goes on to the validators that follow and is refused with a 400 instead of reaching a NOT NULL column.
 */
export const Omittable = () => ValidateIf((_object, value) => value !== undefined);
