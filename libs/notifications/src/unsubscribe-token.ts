import { ExpiringTokenCheck, isUuid, signExpiringToken, verifyExpiringToken } from '@app/common';

export interface UnsubscribeClaim {
  workspaceId: string;
  email: string;
}

/** How long the unsubscribe link of one email works; every later email carries a fresh one. */
export const UNSUBSCRIBE_LINK_DAYS = 90;

// Not the first format's 'unsubscribe': those tokens had no expiry, and must not pass any more.
const PURPOSE = 'unsubscribe-until';

/** Who (workspace + address) may be suppressed, until `expiresAt`; signed with JWT_SECRET. */
export function signUnsubscribeToken(secret: string, claim: UnsubscribeClaim, expiresAt: Date): string {
  return signExpiringToken(secret, PURPOSE, [claim.workspaceId, claim.email.toLowerCase()], expiresAt);
}

export function verifyUnsubscribeToken(secret: string, token: string | undefined, now: Date): ExpiringTokenCheck<UnsubscribeClaim> {
  return verifyExpiringToken(secret, PURPOSE, token, now, ([workspaceId, email]) =>
    isUuid(workspaceId) && typeof email === 'string' && email.includes('@') ? { workspaceId, email } : undefined,
  );
}

export interface UnsubscribeLink {
  /** For the email's footer. */
  url: string;
  /** List-Unsubscribe (the link alone) and RFC 8058 one-click List-Unsubscribe-Post. */
  headers: Record<string, string>;
}

/**
 * How the recipient of one email unsubscribes: `appUrl` serves GET /v1/unsubscribe (a page with a button,
 * changing nothing) and POST (RFC 8058 one-click, what mail clients send). No mailto beside it: nothing reads
 * the sender's mailbox, so a client that chose the mailto would send a request that unsubscribes nobody.
 */
export function unsubscribeLink(secret: string, appUrl: string, claim: UnsubscribeClaim, now: Date): UnsubscribeLink {
  const token = signUnsubscribeToken(secret, claim, new Date(now.getTime() + UNSUBSCRIBE_LINK_DAYS * 24 * 3600 * 1000));
  const url = `${appUrl.replace(/\/$/, '')}/v1/unsubscribe?token=${token}`;
  return {
    url,
    headers: {
      'List-Unsubscribe': `<${url}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
