import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FieldError, flattenValidationErrors } from '@app/common';
import { CreateConversionRequest } from './conversions.dto';

export interface ValidatedBatch {
  /** Valid items with their position in the request. */
  valid: { index: number; input: CreateConversionRequest }[];
  rejected: { index: number; errors: FieldError[] }[];
}

/**
 * Each item against the single route's DTO with the global pipe's options, so both routes apply the same
 * rules from one definition; an invalid item is reported by index instead of failing the batch.
 */
export async function validateBatch(items: Record<string, unknown>[]): Promise<ValidatedBatch> {
  const checked = await Promise.all(
    items.map(async (item, index) => {
      const input = plainToInstance(CreateConversionRequest, item);
      const errors = await validate(input, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
      return { index, input, errors: flattenValidationErrors(errors) };
    }),
  );
  return {
    valid: checked.filter((c) => c.errors.length === 0).map(({ index, input }) => ({ index, input })),
    rejected: checked.filter((c) => c.errors.length > 0).map(({ index, errors }) => ({ index, errors })),
  };
}
