import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { Role, roleAtLeast } from '@app/common';
import { AppConfig } from '@app/config';
import { JobQueue, QueueName } from '@app/queue';
import { ActorResolver } from '@app/workspaces';

const BASE = '/admin/queues';
const COOKIE = 'acrm_board';

function problem(response: Response, status: 401 | 403, detail: string): void {
  response
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify({ type: 'about:blank', title: status === 401 ? 'Unauthorized' : 'Forbidden', status, detail }));
}

const cookieToken = (request: Request) => /(?:^|;\s*)acrm_board=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];

// The token is posted in a form body, never put in a URL: URLs end up in logs and browser history.
const loginPage = `<!doctype html><title>Queues</title><form method="post" action="${BASE}/login">
<label>Admin access token or API key <input type="password" name="token" autofocus></label> <button>Open</button></form>`;

async function formToken(request: Request): Promise<string | undefined> {
  let body = '';
  for await (const chunk of request) {
    body += chunk;
    if (body.length > 8_192) return undefined;
  }
  return new URLSearchParams(body).get('token') ?? undefined;
}

/**
 * Bull Board: failed jobs are visible and can be retried. Admins of the operator workspaces only, since
 * queues hold every tenant's jobs. Clients send the bearer token; a browser gets a small form whose
 * POST sets an HttpOnly cookie scoped to the board, so its pages and assets load.
 */
export function mountQueueBoard(app: NestExpressApplication): void {
  const operators = (app.get(AppConfig).OPERATOR_WORKSPACE_IDS ?? '').split(',').filter(Boolean);
  if (operators.length === 0) return;
  const jobs = app.get(JobQueue);
  const actors = app.get(ActorResolver);
  const adapter = new ExpressAdapter();
  adapter.setBasePath(BASE);
  createBullBoard({ queues: Object.values(QueueName).map((name) => new BullMQAdapter(jobs.queue(name))), serverAdapter: adapter });

  const guard = async (request: Request, response: Response, next: NextFunction) => {
    const login = request.method === 'POST' && request.path === '/login';
    const token = login
      ? await formToken(request)
      : (/^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? cookieToken(request));
    const actor = token ? await actors.resolve(token).catch(() => undefined) : undefined;
    if (!actor && !login && request.method === 'GET' && request.accepts(['json', 'html']) === 'html')
      return response.type('html').send(loginPage);
    if (!actor) return problem(response, 401, 'Send an admin access token or API key of an operator workspace');
    if (!roleAtLeast(actor.role, Role.Admin) || !operators.includes(actor.workspaceId))
      return problem(response, 403, 'Bull Board is for admins of the operator workspaces');
    if (login) {
      response.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', path: BASE, secure: request.secure });
      return response.redirect(303, BASE);
    }
    next();
  };
  app.use(BASE, guard, adapter.getRouter());
}
