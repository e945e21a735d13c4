import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationException } from './app.exception';

/** Flattens nested class-validator errors into `{field: "socialAccounts[0].followers", message}`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: message.replace(/^property \S+ /, '') }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationException(flattenValidationErrors(errors)),
  });
}

/** Body of an action that takes no input: any field sent is refused (400), as in every other body. */
export class EmptyBody {}
