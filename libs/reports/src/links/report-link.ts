import { ExpiringTokenCheck, isUuid, signExpiringToken, verifyExpiringToken } from '@app/common';

/** How long the "open in your browser" link of a report email works. */
export const REPORT_LINK_DAYS = 30;
/** The longest a shared link may be made for. */
export const MAX_SHARE_DAYS = 90;

// Not the first format's 'report-view': those tokens opened the live report of a quarter, and must not pass any more.
const PURPOSE = 'report-link';

/**
 * The token of a stored report link (report_links): its id and expiry, signed with JWT_SECRET. The row holds
 * the report it shows and whether an admin revoked it; the token alone says nothing of the report.
 */
export function signReportLink(secret: string, linkId: string, expiresAt: Date): string {
  return signExpiringToken(secret, PURPOSE, [linkId], expiresAt);
}

/** The link id of a genuine token, or why it does not open (altered, expired). */
export function verifyReportLink(secret: string, token: string | undefined, now: Date): ExpiringTokenCheck<string> {
  return verifyExpiringToken(secret, PURPOSE, token, now, ([id]) => (isUuid(id) ? id : undefined));
}

export function reportLinkUrl(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/$/, '')}/v1/reports/quarterly/view/shared?token=${token}`;
}
