import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationException } from './app.exception';

/** Flattens nested class-validator errors into `{field: "socialAccounts[0].followers", message}`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: message.replace(/^property \S+ /, '') }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

const MAX_DEPTH = 32;

/**
 * The first part of a request value that must not reach class-transformer or PostgreSQL: a NUL character
 * (text and jsonb cannot hold U+0000), or nesting deeper than any body of this API (class-transformer
 * recurses and overflows the stack around 2,000 levels). `field` is '' for the value itself.
 */
export function unsafeInput(value: unknown, path = '', depth = 0): FieldError | undefined {
  if (typeof value === 'string')
    return value.includes('\u0000') ? { field: path, message: 'must not contain the NUL character (U+0000)' } : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_DEPTH) return { field: path, message: `is nested more than ${MAX_DEPTH} levels deep` };
  for (const [key, inner] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    const found = key.includes('\u0000')
      ? { field: at, message: 'must not contain the NUL character (U+0000)' }
      : unsafeInput(inner, at, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Refuses unsafe input (unsafeInput) with a 400 naming the field before the usual validation runs. */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const unsafe = unsafeInput(value);
    if (unsafe) throw new ValidationException([{ field: unsafe.field || metadata.data || metadata.type, message: unsafe.message }]);
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationException(flattenValidationErrors(errors)),
  });
}

/** Body of an action that takes no input: any field sent is refused (400), as in every other body. */
export class EmptyBody {}
