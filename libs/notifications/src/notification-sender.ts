import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock, isUuid } from '@app/common';
import { AppConfig } from '@app/config';
import { PreparedStatement } from '@app/database';
import { MAIL_TRANSPORT, MailTransport } from '@app/mail';
import { JobData, JobName } from '@app/queue';
import { NOTIFICATION_CONTENTS, NotificationContent } from './notification-content';
import { TEMPLATE_COLUMNS, TEMPLATE_JOINS, TemplateData, templateData } from './notification-data';
import { emailLink } from './email-links';
import { portalLink, portalPath } from './portal-links';
import { NOTIFICATION_COLUMNS, NotificationRow, PENDING_STATUSES, UNSUBSCRIBABLE_KINDS } from './notification-kinds';
import { classifySendError, describeSendError } from './send-errors';
import { renderNotification } from './templates';
import { unsubscribeLink } from './unsubscribe-token';

/** Claims start with the claiming process (`host:pid/`): an operator, or a test, can tell whose a stranded claim is. */
const CLAIMANT = `${hostname()}:${process.pid}/`;

export type SendOutcome = { outcome: 'sent'; messageId: string } | { outcome: 'skipped' | 'failed'; reason: string };

/** The claimed row with its unsubscribed recipients (lower-cased) and its subject's data, read by the claim itself. */
type ClaimedRow = NotificationRow & { suppressed: string[]; data: TemplateData | undefined };
const SUPPRESSED = `ARRAY(SELECT lower(s.email) FROM email_suppressions s
  WHERE s.workspace_id = n.workspace_id AND lower(s.email) = ANY(ARRAY(SELECT lower(r) FROM unnest(n.recipients) r))) AS suppressed`;
/** $1 id, $2 claim, $3 lease seconds. A data-modifying CTE: the claim, suppressions and template data in one round trip. */
const CLAIM = new PreparedStatement<NotificationRow & Record<`t_${string}`, unknown> & { suppressed: string[] }>(
  'notifications-send-claim',
  `WITH n AS (
    UPDATE notifications AS n SET claimed_at = now(), claimed_by = $2, attempts = attempts + 1, updated_at = now()
     WHERE n.id = $1 AND n.status IN ('scheduled', 'late') AND (n.claimed_at IS NULL OR n.claimed_at < now() - make_interval(secs => $3))
     RETURNING n.*)
  SELECT ${NOTIFICATION_COLUMNS}, ${SUPPRESSED}, ${TEMPLATE_COLUMNS} FROM n ${TEMPLATE_JOINS}`,
);
/** $1 id, $2 message id, $3 subject line, $4 note. */
const MARK_SENT = new PreparedStatement(
  'notifications-send-mark-sent',
  `UPDATE notifications SET status = 'sent', late = late OR status = 'late', sent_at = now(), message_id = $2, subject_line = $3, error = $4,
          claimed_at = NULL, claimed_by = NULL, updated_at = now()
    WHERE id = $1 AND status IN ('scheduled', 'late')`,
);

/**
 * notifications.send. Exactly-once as far as SMTP allows:
 * 1. a row already final (sent, skipped, failed) or gone is skipped without error;
 * 2. the row is claimed by one atomic UPDATE ... WHERE status IN (scheduled, late) AND the claim is free
 *    or its lease (NOTIFICATION_CLAIM_LEASE_SECONDS: above the longest SMTP exchange) expired, RETURNING: of two workers only one gets it; the other job is delayed until
 *    the lease ends and then finds the row final;
 * 3. send, then mark sent. A worker killed between 3's send and mark leaves a claimed, unsent row: after
 *    the lease another attempt sends it again (one resend per such crash, never a burst). The Message-ID
 *    is the same on both, so mail clients may fold them.
 */
@Injectable()
export class NotificationSender {
  private readonly logger = new Logger('NotificationSender');

  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly clock: Clock,
    @Inject(NOTIFICATION_CONTENTS) private readonly contents: NotificationContent[],
  ) {}

  async send(
    { notificationId }: JobData<JobName.NotificationsSend>,
    job: Job<JobData<JobName.NotificationsSend>, unknown, JobName.NotificationsSend>,
  ): Promise<SendOutcome> {
    if (!isUuid(notificationId)) return { outcome: 'skipped', reason: 'not a notification id' };
    const claim = CLAIMANT + randomUUID();
    const [claimed] = (await CLAIM.run(this.db, [notificationId, claim, this.config.NOTIFICATION_CLAIM_LEASE_SECONDS])).rows;
    const row: ClaimedRow | undefined = claimed && { ...claimed, data: templateData(claimed) };
    if (!row) return this.notClaimed(notificationId, job);
    try {
      return await this.deliver(row, job);
    } catch (error) {
      return this.onError(row, claim, error, job);
    }
  }

  /** Gone, final, or claimed by a live attempt elsewhere: wait for that lease instead of sending twice. */
  private async notClaimed(id: string, job: Job): Promise<SendOutcome> {
    const [current] = (await this.db.query(
      `SELECT status, EXTRACT(EPOCH FROM (claimed_at + make_interval(secs => $2) - now())) * 1000 AS "leftMs" FROM notifications WHERE id = $1`,
      [id, this.config.NOTIFICATION_CLAIM_LEASE_SECONDS],
    )) as { status: string; leftMs: string | null }[];
    if (!current) return { outcome: 'skipped', reason: 'notification is gone' };
    if (!PENDING_STATUSES.includes(current.status as never)) return { outcome: 'skipped', reason: `already ${current.status}` };
    const waitMs = Math.max(1_000, Math.ceil(Number(current.leftMs ?? 0)) + 1_000);
    await job.moveToDelayed(Date.now() + waitMs, job.token);
    throw new DelayedError();
  }

  private async deliver(row: ClaimedRow, job: Job): Promise<SendOutcome> {
    const { data } = row;
    const content = this.contents.find((c) => c.kinds.includes(row.kind));
    const gone = `${row.subjectType} ${row.subjectId} no longer exists`;
    if (!data && !content) return this.finish(row.id, 'skipped', gone);
    // An unsubscribe stops reminders only: a notice about the contract itself still reaches the address.
    const suppressed = UNSUBSCRIBABLE_KINDS.includes(row.kind) ? row.suppressed : [];
    const recipients = row.recipients.filter((r) => !suppressed.includes(r.toLowerCase()));
    const skippedNote = suppressed.length ? `not sent to unsubscribed ${suppressed.join(', ')}` : null;
    if (!recipients.length) return this.finish(row.id, 'skipped', skippedNote ?? 'no recipients');

    const { JWT_SECRET: secret, APP_URL: appUrl } = this.config;
    const now = this.clock.now();
    const fromAddress = /<([^>]+)>/.exec(this.config.MAIL_FROM)?.[1] ?? this.config.MAIL_FROM.trim();
    const toInfluencer = row.audience === 'influencer';
    // Managers are members of the workspace, not a mailing list: only the influencer (the row's one address) may unsubscribe.
    const unsubscribe =
      toInfluencer && UNSUBSCRIBABLE_KINDS.includes(row.kind)
        ? unsubscribeLink(secret, appUrl, { workspaceId: row.workspaceId, email: recipients[0] }, now)
        : undefined;
    const email = content
      ? await content.render(row, data, appUrl)
      : data &&
        renderNotification({
          row,
          data,
          // An ambassador's link signs them into the portal on the page the email is about; a manager's opens the console.
          link:
            toInfluencer && data.influencer
              ? portalLink(secret, appUrl, { workspaceId: row.workspaceId, influencerId: data.influencer.id, path: portalPath(row) }, now)
              : emailLink(secret, appUrl, row, now, data),
          today: this.clock.today(data.brand.timezone),
          unsubscribeUrl: unsubscribe?.url,
        });
    if (!email) return this.finish(row.id, 'skipped', `${gone} or has nothing to send`);
    const replyTo = toInfluencer && data?.contact ? { replyTo: { name: data.contact.name, address: data.contact.email } } : {};

    const sent = await this.transport.send({
      to: recipients,
      subject: email.subject,
      text: email.text,
      html: email.html,
      ...(email.attachments && { attachments: email.attachments }),
      ...replyTo,
      headers: unsubscribe?.headers ?? {},
      messageId: `<notification-${row.id}@${fromAddress.split('@')[1] ?? 'localhost'}>`,
    });
    await MARK_SENT.run(this.db, [row.id, sent.messageId, email.subject, skippedNote]);
    this.logger.log(
      `notification ${row.id} (${row.kind}, ${row.audience}) sent to ${recipients.length} recipient(s) on attempt ${job.attemptsMade + 1}`,
    );
    return { outcome: 'sent', messageId: sent.messageId };
  }

  /**
   * Permanent (SMTP 5xx, bad envelope): failed now, no retry. Transient: the claim is released and the
   * error recorded, then rethrown so BullMQ retries with exponential backoff; the last attempt marks failed.
   */
  private async onError(row: NotificationRow, claim: string, error: unknown, job: Job): Promise<SendOutcome> {
    const reason = describeSendError(error);
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (classifySendError(error) === 'permanent' || lastAttempt) {
      this.logger.warn(`notification ${row.id} failed: ${reason}`);
      await this.finish(row.id, 'failed', reason);
      if (lastAttempt && classifySendError(error) === 'transient') throw error;
      return { outcome: 'failed', reason };
    }
    await this.db.query(
      `UPDATE notifications SET claimed_at = NULL, claimed_by = NULL, error = $3, updated_at = now() WHERE id = $1 AND claimed_by = $2`,
      [row.id, claim, reason],
    );
    throw error;
  }

  private async finish(id: string, status: 'skipped' | 'failed', reason: string): Promise<SendOutcome> {
    await this.db.query(
      `UPDATE notifications SET status = $2, error = $3, claimed_at = NULL, claimed_by = NULL, updated_at = now() WHERE id = $1 AND status IN ('scheduled', 'late')`,
      [id, status, reason],
    );
    return { outcome: status, reason };
  }
}
