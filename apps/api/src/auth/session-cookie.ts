import type { CookieOptions, Request } from 'express';
import { parseCookie } from 'cookie';
import { WorkspacesErrorCode, WorkspacesException } from '@app/workspaces';

/** The console's session cookie (web.md). The portal's ambassadors get a cookie of another name. */
export const SESSION_COOKIE = 'acrm_session';

/** A header an HTML form cannot send, and another site cannot send without a CORS preflight we never allow. */
export const BROWSER_HEADER = { name: 'X-Requested-With', value: 'web' } as const;

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function readSessionCookie(request: Request): string | undefined {
  const header = request.headers.cookie;
  return header ? parseCookie(header)[SESSION_COOKIE] || undefined : undefined;
}

/** httpOnly (no script reads it), Lax (not sent on other sites' subrequests), Secure when the public address is https. */
export function sessionCookieOptions(appUrl: string, expires?: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: appUrl.startsWith('https://'), path: '/', ...(expires && { expires }) };
}

/**
 * CSRF: the cookie rides along on any request the browser makes to us, a forged form post included; the
 * header proves the request came from our own script. Bearer and API-key callers need none.
 */
export function refuseCrossSiteWrite(request: Request): void {
  if (safeMethods.has(request.method) || request.headers[BROWSER_HEADER.name.toLowerCase()] === BROWSER_HEADER.value) return;
  throw WorkspacesException.forbidden(
    WorkspacesErrorCode.BrowserHeaderMissing,
    `A request signed in by the session cookie that changes something must carry "${BROWSER_HEADER.name}: ${BROWSER_HEADER.value}"`,
  );
}
