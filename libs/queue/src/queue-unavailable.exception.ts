import { HttpStatus } from '@nestjs/common';
import { AppException } from '@app/common';

export const QUEUE_UNAVAILABLE = 'QUEUE_UNAVAILABLE';

/**
 * 503 for a route whose only record of the work would be the job (nothing in PostgreSQL picks it up
 * later), when the queue backend cannot take it now. `cause` says why, for the log line, not for clients.
 */
export class QueueUnavailableException extends AppException {
  constructor(cause?: unknown) {
    super(HttpStatus.SERVICE_UNAVAILABLE, QUEUE_UNAVAILABLE, 'The job queue is not reachable; retry in a few seconds');
    this.cause = cause;
  }
}
