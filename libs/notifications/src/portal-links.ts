import { randomBytes } from 'node:crypto';
import { ExpiringTokenCheck, isUuid, signExpiringToken, verifyExpiringToken } from '@app/common';
import { NotificationRow } from './notification-kinds';

/** How long the link of an email to an ambassador signs them in (web.md, "Links in emails"). */
export const PORTAL_LINK_DAYS = 7;

const PURPOSE = 'portal-link';

/** Whom a portal link signs in, and the portal page it lands on (a path under /portal). */
export interface PortalLinkTarget {
  workspaceId: string;
  influencerId: string;
  path: string;
}

/** The portal page an ambassador email is about: the deliverable, the terms, or the payout's statement. */
export function portalPath(row: Pick<NotificationRow, 'subjectType' | 'subjectId'>): string {
  if (row.subjectType === 'deliverable') return `/deliverables/${row.subjectId}`;
  if (row.subjectType === 'contract') return `/terms/${row.subjectId}`;
  if (row.subjectType === 'payout') return `/payouts/${row.subjectId}`;
  return '/';
}

/**
 * `<APP_URL>/portal/link?token=…`: a signed token naming the ambassador and the page, valid PORTAL_LINK_DAYS.
 * The page trades it for a portal session by POST (a mail scanner's GET signs nobody in); libs/portal makes
 * it single use. A random nonce makes every email's token its own, so one used link leaves the others working.
 */
export function portalLink(secret: string, appUrl: string, target: PortalLinkTarget, now: Date): string {
  const expiresAt = new Date(now.getTime() + PORTAL_LINK_DAYS * 24 * 3600 * 1000);
  const nonce = randomBytes(9).toString('base64url');
  const token = signExpiringToken(secret, PURPOSE, [target.workspaceId, target.influencerId, target.path, nonce], expiresAt);
  return portalUrl(appUrl, token);
}

export const portalUrl = (appUrl: string, token: string) => `${appUrl.replace(/\/$/, '')}/portal/link?token=${token}`;

/** The target of a genuine portal link, or why it does not sign in. */
export function verifyPortalLink(secret: string, token: string | undefined, now: Date): ExpiringTokenCheck<PortalLinkTarget> {
  return verifyExpiringToken(secret, PURPOSE, token, now, ([workspaceId, influencerId, path]) =>
    isUuid(workspaceId) && isUuid(influencerId) && typeof path === 'string' && path.startsWith('/')
      ? { workspaceId, influencerId, path }
      : undefined,
  );
}
