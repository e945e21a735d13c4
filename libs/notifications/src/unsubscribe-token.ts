import { signToken, verifyToken } from '@app/common';

export interface UnsubscribeClaim {
  workspaceId: string;
  email: string;
}

const PURPOSE = 'unsubscribe';

/** Who (workspace + address) may be suppressed, signed with JWT_SECRET; it does not expire. */
export function signUnsubscribeToken(secret: string, claim: UnsubscribeClaim): string {
  return signToken(secret, PURPOSE, [claim.workspaceId, claim.email.toLowerCase()]);
}

/** The claim of a genuine token; undefined for anything forged, truncated or malformed. */
export function verifyUnsubscribeToken(secret: string, token: string | undefined): UnsubscribeClaim | undefined {
  const [workspaceId, email] = verifyToken(secret, PURPOSE, token) ?? [];
  if (typeof workspaceId === 'string' && typeof email === 'string' && /^[0-9a-f-]{36}$/i.test(workspaceId) && email.includes('@'))
    return { workspaceId, email };
  return undefined;
}

export interface UnsubscribeLink {
  /** For the email's footer. */
  url: string;
  /** List-Unsubscribe (the link and a mailto) and RFC 8058 one-click List-Unsubscribe-Post. */
  headers: Record<string, string>;
}

/** How the recipient of one email unsubscribes: `appUrl` serves GET/POST /v1/unsubscribe, `mailbox` takes the mailto. */
export function unsubscribeLink(secret: string, appUrl: string, mailbox: string, claim: UnsubscribeClaim): UnsubscribeLink {
  const token = signUnsubscribeToken(secret, claim);
  const url = `${appUrl.replace(/\/$/, '')}/v1/unsubscribe?token=${token}`;
  return {
    url,
    headers: {
      'List-Unsubscribe': `<${url}>, <mailto:${mailbox}?subject=unsubscribe%20${token}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
