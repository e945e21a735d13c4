import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ValidationException } from '@app/common';

/** `:id` path parameter: a malformed id is a 400 naming the field, not a database error. */
export const IdParam = (name = 'id') =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => new ValidationException([{ field: name, message: 'must be a UUID' }]) }));
