import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { parseCookie } from 'cookie';
import { PUBLIC_ROUTE, RequestContext, Role } from '@app/common';
import { PORTAL_COOKIE, PortalAuth, PortalException, PortalPrincipal } from '@app/portal';
import { refuseCrossSiteWrite } from '../auth/session-cookie';

export function readPortalCookie(request: Request): string | undefined {
  const header = request.headers.cookie;
  return header ? parseCookie(header)[PORTAL_COOKIE] || undefined : undefined;
}

/** The principal the guard found, for the few handlers that need the session itself (sign out, sessions). */
export const portalPrincipal = (request: Request): PortalPrincipal => (request as Request & { portal: PortalPrincipal }).portal;

/**
 * The portal's own guard (web.md): only the ambassador's cookie opens /v1/portal/*, never a bearer token or
 * the console's cookie; and the global AuthGuard reads neither the portal cookie, so an ambassador's session
 * opens no manager route. The actor is the ambassador (influencerId) in their workspace; writes need the
 * browser header like the console's.
 */
@Injectable()
export class PortalGuard implements CanActivate {
  constructor(private readonly auth: PortalAuth) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const token = readPortalCookie(request);
    const principal = token ? await this.auth.resolve(token) : undefined;
    if (!principal) throw PortalException.notSignedIn();
    refuseCrossSiteWrite(request);
    (request as Request & { portal: PortalPrincipal }).portal = principal;
    RequestContext.setActor({ workspaceId: principal.workspaceId, role: Role.Viewer, influencerId: principal.influencerId });
    return true;
  }
}

/**
 * The routes of the signed-in ambassador (on a controller): public to the global AuthGuard (which still counts
 * them against the client address), then PortalGuard; the OpenAPI document names the portal cookie as their security.
 */
export const PortalRoute = () =>
  applyDecorators(
    SetMetadata(PUBLIC_ROUTE, true),
    UseGuards(PortalGuard),
    ApiCookieAuth('portal'),
    ApiUnauthorizedResponse({ description: 'No portal session (PORTAL_NOT_SIGNED_IN)' }),
  );
