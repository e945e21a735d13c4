import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { RequestContext } from '@app/common';

/** Opens an empty context per request; the auth guard fills in the actor. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(_request: Request, _response: Response, next: NextFunction): void {
    RequestContext.run(next);
  }
}
