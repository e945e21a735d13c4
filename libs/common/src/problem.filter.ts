import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { AppException, FieldError } from './app.exception';
import { translateDatabaseError } from './database-errors';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Seconds a client should wait before retrying after a 503: outages the API rides out (a restart, a failover) last seconds. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * Every error leaves the API as application/problem+json (RFC 9457); unknown errors are logged, never echoed.
 * A 503 (a dependency down) carries Retry-After and is one warning line naming the cause: every request
 * during an outage meets it, and a stack trace per request would bury the one line that matters.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(translateDatabaseError(exception) ?? unwrapped(exception));
    if (problem.status === HttpStatus.SERVICE_UNAVAILABLE) {
      if (!response.getHeader('Retry-After')) response.setHeader('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
      this.logger.warn(`503 ${problem.code ?? problem.title}: ${causeOf(exception)}`);
    } else if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof AppException) {
      return {
        ...exception.extra,
        ...problemOf(exception.status, exception.detail),
        code: exception.code,
        ...(exception.errors && { errors: exception.errors }),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      return problemOf(status, Array.isArray(message) ? message.join('; ') : String(message ?? exception.message));
    }
    const parseError = exception as { type?: string; status?: number };
    if (parseError?.type === 'entity.parse.failed') return problemOf(400, 'The request body is not valid JSON');
    if (parseError?.type === 'entity.too.large') return problemOf(413, 'The request body is too large');
    return problemOf(HttpStatus.INTERNAL_SERVER_ERROR, 'An unexpected error occurred');
  }
}

/** type, title, status and detail of a problem, also for answers written outside Nest (malformed requests). */
export function problemOf(status: number, detail: string): Problem {
  const title = titles[status] ?? 'Error';
  return { type: `https://ambassador-crm.dev/problems/${title.toLowerCase().replace(/\s+/g, '-')}`, title, status, detail };
}

/** An AppException thrown while the body was read (json-body.ts) reaches here wrapped by the HTTP adapter as the cause of an HttpException. */
function unwrapped(exception: unknown): unknown {
  return exception instanceof HttpException && exception.cause instanceof AppException ? exception.cause : exception;
}

/** The message of what failed underneath (an AppException's `cause`, else the error itself), without its stack. */
function causeOf(exception: unknown): string {
  const cause = exception instanceof AppException && exception.cause !== undefined ? exception.cause : exception;
  return cause instanceof Error ? cause.message : String(cause);
}
