import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength, ValidateBy, ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';
import { INSTANT_RANGE_MESSAGE, isInstantInRange } from '@app/common';
import { Trim } from './transforms';

export const HttpUrl = () =>
  applyDecorators(
    Trim(),
    IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' }),
    MaxLength(2048),
  );

/** An optional token from an email link (invitation): its shape here, its meaning for the service to judge. */
export const OptionalToken = () => applyDecorators(IsOptional(), IsString(), MinLength(1), MaxLength(1024));

/** ISO 8601 with an offset (a bare local time would be read in the server's zone), in the range every layer holds. */
export const Timestamp = () =>
  applyDecorators(
    IsISO8601({ strict: true }),
    Matches(/(Z|[+-]\d{2}:?\d{2})$/, { message: 'must be an ISO 8601 timestamp with an offset, such as 2026-03-01T18:00:00Z' }),
    ValidateBy({
      name: 'isInstantInRange',
      validator: {
        // Unreadable values are IsISO8601's to report: one message per mistake.
        validate: (value: unknown) => typeof value !== 'string' || Number.isNaN(Date.parse(value)) || isInstantInRange(new Date(value)),
        defaultMessage: () => INSTANT_RANGE_MESSAGE,
      },
    }),
  );

/** YYYY-MM-DD that exists in the calendar (2026-02-30 and 2026-13-01 are refused, never a 500). */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid,
        defaultMessage: () => 'must be a calendar date as YYYY-MM-DD',
      },
    },
    options,
  );

/** Rates arrive as 3.25 or "3.25"; both are kept as the decimal string stored in numeric. */
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

/**
 * A count from 0 to `max` in one rule with one message: "48,200" or "48k" from a CSV cell used to get three
 * (not an integer, less than 0, more than the maximum), two of them untrue.
 */
export const IsWholeNumber = (max: number, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isWholeNumber',
      validator: {
        validate: (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= max,
        defaultMessage: () => `must be a whole number from 0 to ${max}, digits only (48200, not 48,200 or 48k)`,
      },
    },
    options,
  );

/** The message of @IsIn/@IsEnum on a closed list: names the values allowed. */
export const oneOf = (values: readonly string[]) => ({ message: `must be one of ${values.join(', ')}` });
