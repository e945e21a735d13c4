import { ExpiringTokenCheck, isUuid, signExpiringToken, verifyExpiringToken } from '@app/common';
import { TemplateData } from './notification-data';
import { NotificationRow } from './notification-kinds';

/** How long the action link of a reminder email opens its page. */
export const EMAIL_LINK_DAYS = 30;

const PURPOSE = 'email-link';

/**
 * The console page (web.md, /app) a managers' email is about: the relationship's contract terms (renewal,
 * notice, renewed, ended), its deliverables (overdue, waiting for approval), the brand's quarterly report
 * (`quarter` given by the report email). undefined when the subject is gone. The console asks who is
 * signed in and comes back here after signing in; the link carries no credential.
 */
export function consoleLink(
  appUrl: string,
  row: Pick<NotificationRow, 'subjectType'>,
  data: TemplateData | undefined,
  quarter?: string,
): string | undefined {
  const app = `${appUrl.replace(/\/$/, '')}/app`;
  const relationshipId = data?.contract?.relationshipId;
  if (row.subjectType === 'deliverable' && relationshipId) return `${app}/relationships/${relationshipId}?tab=deliverables`;
  if (row.subjectType === 'contract' && relationshipId) return `${app}/relationships/${relationshipId}?tab=terms`;
  if (row.subjectType === 'brand' && data) return `${app}/reports?brand=${data.brand.id}${quarter ? `&quarter=${quarter}` : ''}`;
  return undefined;
}

/**
 * Where the action link of a reminder email ("Open the contract", "See the deliverable") lands: the one place
 * that decides. A managers' email opens its console page (consoleLink). Any other opens GET
 * /v1/email-links/open, a page a browser can show without a bearer token that says what the email is about;
 * its signed token names the notification and expires after EMAIL_LINK_DAYS. The page shows no more than
 * the email itself carries.
 */
export function emailLink(
  secret: string,
  appUrl: string,
  row: Pick<NotificationRow, 'id' | 'audience' | 'subjectType'>,
  now: Date,
  data?: TemplateData,
): string {
  const page = row.audience === 'managers' ? consoleLink(appUrl, row, data) : undefined;
  if (page) return page;
  const token = signExpiringToken(secret, PURPOSE, [row.id], new Date(now.getTime() + EMAIL_LINK_DAYS * 24 * 3600 * 1000));
  return `${appUrl.replace(/\/$/, '')}/v1/email-links/open?token=${token}`;
}

/** The notification id of a genuine email link, or why it does not open. */
export function verifyEmailLink(secret: string, token: string | undefined, now: Date): ExpiringTokenCheck<string> {
  return verifyExpiringToken(secret, PURPOSE, token, now, ([id]) => (isUuid(id) ? id : undefined));
}
