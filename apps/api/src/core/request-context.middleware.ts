import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { RequestContext } from '@app/common';

/**
 * Opens an empty context per request; the auth guard fills in the actor. A GET or HEAD writes nothing, so
 * its lag-tolerant reads may go to the read replica; any other method reads the primary throughout.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    RequestContext.run(next, undefined, { laggingReads: request.method === 'GET' || request.method === 'HEAD' });
  }
}
