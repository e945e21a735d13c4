import { HttpStatus } from '@nestjs/common';
import { AppException, jsonShapeError, ValidationException } from '@app/common';

/** A login is under 1 KB and a signup under 2 KB: anonymous callers get no more than this. */
export const ANONYMOUS_BODY_LIMIT_BYTES = 8 * 1024;
const ANONYMOUS_JSON_ROUTES = /^\/v1\/auth\//;
/** The routes that take many records in one body (up to BODY_LIMIT); every other route takes JSON_BODY_LIMIT. */
const BULK_JSON_ROUTES = /^\/v1\/(conversions\/batch|webhooks\/shopify\/)/;

/**
 * Why a JSON body is refused before it is parsed, or undefined: over the limit of its route (413: 8 KB on
 * the anonymous routes, `jsonBodyLimit` on the one-record routes; the bulk routes were held to BODY_LIMIT
 * while the body was read), or a shape no route takes (400 naming the field: jsonShapeError). Plain
 * function of the path and the raw bytes, so it serves whichever HTTP adapter reads the body.
 */
export function jsonBodyRefusal(path: string, body: Uint8Array, jsonBodyLimit: number): AppException | undefined {
  const limit = ANONYMOUS_JSON_ROUTES.test(path) ? ANONYMOUS_BODY_LIMIT_BYTES : BULK_JSON_ROUTES.test(path) ? Infinity : jsonBodyLimit;
  if (body.byteLength > limit)
    return new AppException(
      HttpStatus.PAYLOAD_TOO_LARGE,
      'BODY_TOO_LARGE',
      `The request body is over ${limit} bytes, the limit of this route`,
    );
  const shape = jsonShapeError(body);
  return shape && new ValidationException([{ field: shape.field || 'body', message: shape.message }]);
}
