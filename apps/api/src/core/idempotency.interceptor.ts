import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { from, Observable, of, throwError } from 'rxjs';
import { catchError, map, mergeMap } from 'rxjs/operators';
import { AppException, RequestContext, ValidationException } from '@app/common';
import { IdempotencyStore } from './idempotency.store';

const HEADER = 'idempotency-key';

/**
 * `Idempotency-Key` on POST: a retried request with the same key and body gets the first answer again
 * instead of a second write; the same key with another body is a client bug (422).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const key = request.headers[HEADER];
    const actor = RequestContext.maybeActor();
    // Public POSTs (signup, login, signed webhooks) have no workspace to keep keys in.
    if (request.method !== 'POST' || key === undefined || !actor) return next.handle();
    if (typeof key !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(key)) {
      return throwError(() => new ValidationException([{ field: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' }]));
    }
    const workspaceId = actor.workspaceId;
    const hash = createHash('sha256')
      .update(`${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const response = context.switchToHttp().getResponse<Response>();
    return from(this.store.claim(workspaceId, key, hash)).pipe(
      mergeMap((claim) => {
        switch (claim.kind) {
          case 'replay':
            response.status(claim.statusCode).setHeader('Idempotent-Replayed', 'true');
            return of(claim.body);
          case 'in-progress':
            return throwError(
              () =>
                new AppException(
                  HttpStatus.CONFLICT,
                  'IDEMPOTENCY_IN_PROGRESS',
                  'A request with this Idempotency-Key is still being processed; retry later',
                ),
            );
          case 'mismatch':
            return throwError(
              () =>
                new AppException(
                  HttpStatus.UNPROCESSABLE_ENTITY,
                  'IDEMPOTENCY_KEY_REUSED',
                  'This Idempotency-Key was used with a different request',
                  [{ field: 'Idempotency-Key', message: 'was used with a different request' }],
                ),
            );
          default:
            return next.handle().pipe(
              // Stored before the answer leaves, so a retry that follows it always finds the result.
              mergeMap((body) => from(this.store.complete(workspaceId, key, this.statusOf(context, response), body)).pipe(map(() => body))),
              catchError((error: unknown) => from(this.store.release(workspaceId, key)).pipe(mergeMap(() => throwError(() => error)))),
            );
        }
      }),
    );
  }

  /** Nest sets the status after interceptors: a handler's own status, else @HttpCode, else 201 for POST. */
  private statusOf(context: ExecutionContext, response: Response): number {
    if (response.statusCode !== HttpStatus.OK) return response.statusCode;
    return this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
  }
}
