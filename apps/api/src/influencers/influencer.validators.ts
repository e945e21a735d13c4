import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { accountKey, normalizeHandle, normalizeTags } from '@app/influencers';

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

export const NormalizeHandle = () => Transform(({ value }) => (typeof value === 'string' ? normalizeHandle(value) : value));

/** A single `?tag=` arrives as a string, repeated ones as an array. */
export const NormalizeTags = () =>
  Transform(({ value }) => {
    const list = typeof value === 'string' ? [value] : value;
    return isStringArray(list) ? normalizeTags(list) : value;
  });

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
