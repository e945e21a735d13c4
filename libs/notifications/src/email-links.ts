import { ExpiringTokenCheck, isUuid, signExpiringToken, verifyExpiringToken } from '@app/common';
import { NotificationRow } from './notification-kinds';

/** How long the action link of a reminder email opens its page. */
export const EMAIL_LINK_DAYS = 30;

const PURPOSE = 'email-link';

/**
 * Where the action link of a reminder email ("Open the contract", "See the deliverable") lands: the one place
 * to change when the console (/app, for managers) and the portal (/portal, for influencers) exist (web.md).
 * Until then every link opens GET /v1/email-links/open, a page a browser can show without a bearer token
 * that says what the email is about; its signed token names the notification and expires after
 * EMAIL_LINK_DAYS. The page shows no more than the email itself carries.
 */
export function emailLink(secret: string, appUrl: string, row: Pick<NotificationRow, 'id'>, now: Date): string {
  const token = signExpiringToken(secret, PURPOSE, [row.id], new Date(now.getTime() + EMAIL_LINK_DAYS * 24 * 3600 * 1000));
  return `${appUrl.replace(/\/$/, '')}/v1/email-links/open?token=${token}`;
}

/** The notification id of a genuine email link, or why it does not open. */
export function verifyEmailLink(secret: string, token: string | undefined, now: Date): ExpiringTokenCheck<string> {
  return verifyExpiringToken(secret, PURPOSE, token, now, ([id]) => (isUuid(id) ? id : undefined));
}
