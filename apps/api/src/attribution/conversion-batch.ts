import { plainToInstance } from 'class-transformer';
import { validateSync, ValidatorOptions } from 'class-validator';
import { ConversionInput } from '@app/attribution';
import { FieldError, flattenValidationErrors, timeSlices } from '@app/common';
import { CreateConversionRequest } from './conversions.dto';
import { validityCheck } from './validity-check';

export interface ValidatedBatch {
  /** The valid items, and the position of each in the request. */
  valid: ConversionInput[];
  positions: number[];
  rejected: { index: number; errors: FieldError[] }[];
}

const options: ValidatorOptions = { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } };

// Built at load from the DTO's decorators; loading fails if the DTO ever uses a rule it cannot evaluate
// (an async constraint, nested or `each` rules), rather than skip it.
const isValid = validityCheck(CreateConversionRequest);

/**
 * Each item against the single route's DTO with the global pipe's options, so both routes apply the same
 * rules from one definition; an invalid item is reported by index instead of failing the batch.
 * validityCheck clears the valid items, as the pipe's plain copies, with the DTO's own constraints; only an
 * item it does not clear becomes an instance for validateSync, which words the errors as the single route's
 * pipe does. The loop lets the event loop in every few milliseconds: 5,000 invalid items take hundreds.
 */
export async function validateBatch(items: object[]): Promise<ValidatedBatch> {
  const batch: ValidatedBatch = { valid: [], positions: [], rejected: [] };
  const slice = timeSlices();
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const errors = isValid(item) ? [] : flattenValidationErrors(validateSync(plainToInstance(CreateConversionRequest, item), options));
    if (errors.length) {
      batch.rejected.push({ index, errors });
    } else {
      batch.valid.push(item as ConversionInput);
      batch.positions.push(index);
    }
    await slice();
  }
  return batch;
}
