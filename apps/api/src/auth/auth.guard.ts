import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { PUBLIC_ROUTE, REQUIRED_ROLE, RequestContext, Role, roleAtLeast } from '@app/common';
import { ReadReplica } from '@app/database';
import { ActorResolver, SessionsService, WorkspacesErrorCode, WorkspacesException } from '@app/workspaces';
import { RequestLimits } from '../core/rate-limit/request-limits';
import { readSessionCookie, refuseCrossSiteWrite } from './session-cookie';

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global: every route needs a token (or the console's session cookie) unless marked @Public(). Without @RequireRole, reads need viewer and
 * writes need manager, so a new route is protected by default. Each request is counted against its
 * token's budget (RequestLimits); public routes and requests without a valid token against their IP's,
 * before the 401, so a flood of bad tokens is throttled too. A bearer token wins over a cookie; a cookie
 * request that changes state must carry the browser header (session-cookie.ts).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly actors: ActorResolver,
    private readonly limits: RequestLimits,
    private readonly replica: ReadReplica,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) {
      await this.limits.admit(context);
      return true;
    }
    const request = context.switchToHttp().getRequest<Request>();
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const session = token ? undefined : readSessionCookie(request);
    const actor = token ? await this.actors.resolve(token) : session ? await this.sessions.resolve(session) : undefined;
    await this.limits.admit(context, actor);
    if (!token && !session)
      throw WorkspacesException.unauthorized(
        WorkspacesErrorCode.MissingToken,
        'Send an access token or API key as "Authorization: Bearer <token>"',
      );
    if (!actor) throw WorkspacesException.unauthorized(WorkspacesErrorCode.InvalidToken, 'The token is invalid, expired or revoked');
    if (session) refuseCrossSiteWrite(request);
    RequestContext.setActor(actor);
    if (!readMethods.has(request.method)) this.holdReadsOnPrimary(actor.workspaceId, request);
    const required =
      this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? (readMethods.has(request.method) ? Role.Viewer : Role.Manager);
    if (!roleAtLeast(actor.role, required))
      throw WorkspacesException.forbidden(
        WorkspacesErrorCode.InsufficientRole,
        `This needs the ${required} role or higher; yours is ${actor.role}`,
      );
    return true;
  }

  /** The workspace's next reads see this write: on the primary from its start until a while after it ends. */
  private holdReadsOnPrimary(workspaceId: string, request: Request): void {
    this.replica.noteWrite(workspaceId);
    request.res?.once('close', () => this.replica.noteWrite(workspaceId));
  }
}
