import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { accountKey, normalizeHandle, normalizeTags } from '@app/influencers';

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

export const NormalizeHandle = () => Transform(({ value }) => (typeof value === 'string' ? normalizeHandle(value) : value));

/** A single `?tag=` arrives as a string, repeated ones as an array. */
export const NormalizeTags = () => Transform(({ value }) => {
  const list = typeof value === 'string' ? [value] : value;
  return isStringArray(list) ? normalizeTags(list) : value;
});

/** Rates arrive as 3.25 or "3.25"; both are kept as the decimal string stored in numeric(7,4). */
export const DecimalString = () => Transform(({ value }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value));

export const IsPercentage = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isPercentage',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && /^\d{1,3}(\.\d{1,4})?$/.test(value) && Number(value) <= 100,
        defaultMessage: () => 'must be a percentage from 0 to 100 with at most 4 decimals, such as 3.25',
      },
    },
    options,
  );

export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
        defaultMessage: () => 'must be a calendar date as YYYY-MM-DD',
      },
    },
    options,
  );

/** The same account twice in one body would hit the unique index with a misleading "taken" answer. */
export const HasDistinctAccounts = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'hasDistinctAccounts',
      validator: {
        validate: (value: unknown) => {
          if (!Array.isArray(value)) return true;
          const keys = value.filter((a) => typeof a?.platform === 'string' && typeof a?.handle === 'string').map(accountKey);
          return new Set(keys).size === keys.length;
        },
        defaultMessage: () => 'must not list the same platform and handle twice',
      },
    },
    options,
  );
