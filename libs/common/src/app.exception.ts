import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * Base of every context's exception: a stable string code for clients and logs, the HTTP status, and
 * optional per-field errors. The global filter turns it into problem+json in one place.
 */
export class AppException extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail);
  }
}

export enum CommonErrorCode {
  NotFound = 'NOT_FOUND',
  Validation = 'VALIDATION_FAILED',
  Conflict = 'CONFLICT',
  Unauthorized = 'UNAUTHORIZED',
  Forbidden = 'FORBIDDEN',
}

export class NotFoundException extends AppException {
  constructor(resource: string, id?: string) {
    super(HttpStatus.NOT_FOUND, CommonErrorCode.NotFound, id ? `${resource} ${id} was not found` : `${resource} was not found`);
  }
}

export class ValidationException extends AppException {
  constructor(errors: FieldError[], detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ')) {
    super(HttpStatus.BAD_REQUEST, CommonErrorCode.Validation, detail, errors);
  }
}

export class ConflictException extends AppException {
  constructor(detail: string, extra?: Record<string, unknown>, code: string = CommonErrorCode.Conflict) {
    super(HttpStatus.CONFLICT, code, detail, undefined, extra);
  }
}
