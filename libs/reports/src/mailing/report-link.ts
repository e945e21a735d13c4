import { signToken, verifyToken } from '@app/common';

/** How long the "open in your browser" link of a report email works. */
export const REPORT_LINK_DAYS = 30;

const PURPOSE = 'report-view';

export interface ReportLinkClaim {
  workspaceId: string;
  brandId: string;
  quarter: string;
}

/**
 * A read-only link to one brand's quarter, signed with JWT_SECRET, for the email's recipients (a browser
 * opening a link cannot send a bearer token). It shows no more than the email already carries.
 */
export function signReportLink(secret: string, claim: ReportLinkClaim, expiresAt: Date): string {
  return signToken(secret, PURPOSE, [claim.workspaceId, claim.brandId, claim.quarter, Math.floor(expiresAt.getTime() / 1000)]);
}

/** The claim of a genuine link that has not expired at `now`; undefined otherwise. */
export function verifyReportLink(secret: string, token: string | undefined, now: Date): ReportLinkClaim | undefined {
  const [workspaceId, brandId, quarter, expires] = verifyToken(secret, PURPOSE, token) ?? [];
  if (typeof workspaceId !== 'string' || typeof brandId !== 'string' || typeof quarter !== 'string' || typeof expires !== 'number')
    return undefined;
  return expires * 1000 > now.getTime() ? { workspaceId, brandId, quarter } : undefined;
}

export function reportLinkUrl(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/$/, '')}/v1/reports/quarterly/view/shared?token=${token}`;
}
