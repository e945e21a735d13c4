import { HttpStatus } from '@nestjs/common';
import { AppException, jsonShapeError, ValidationException } from '@app/common';

/** A login is under 1 KB and a signup under 2 KB: anonymous callers get no more than this. */
export const ANONYMOUS_BODY_LIMIT_BYTES = 8 * 1024;
const ANONYMOUS_JSON_ROUTES = /^\/v1\/auth\//;

/**
 * Why a JSON body is refused before it is parsed, or undefined: over the small limit of the anonymous
 * routes (413), or a shape no route takes (400 naming the field: jsonShapeError). Plain function of the
 * path and the raw bytes, so it serves whichever HTTP adapter reads the body (app.setup wires Express's).
 */
export function jsonBodyRefusal(path: string, body: Uint8Array): AppException | undefined {
  if (ANONYMOUS_JSON_ROUTES.test(path) && body.byteLength > ANONYMOUS_BODY_LIMIT_BYTES)
    return new AppException(
      HttpStatus.PAYLOAD_TOO_LARGE,
      'BODY_TOO_LARGE',
      `The request body is over ${ANONYMOUS_BODY_LIMIT_BYTES} bytes, the limit of this route`,
    );
  const shape = jsonShapeError(body);
  return shape && new ValidationException([{ field: shape.field || 'body', message: shape.message }]);
}
