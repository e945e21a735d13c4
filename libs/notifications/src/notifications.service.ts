import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, decodeCursor, ExpiringTokenCheck, RequestContext } from '@app/common';
import { AppConfig } from '@app/config';
import { JobName, JobQueue } from '@app/queue';
import { verifyEmailLink } from './email-links';
import { TEMPLATE_COLUMNS, TEMPLATE_JOINS, TemplateData, templateData } from './notification-data';
import { NOTIFICATION_COLUMNS, NotificationAudience, NotificationKind, NotificationRow, NotificationStatus } from './notification-kinds';
import { UnsubscribeClaim, verifyUnsubscribeToken } from './unsubscribe-token';

/** Whose unsubscribe link it is: the address and the workspace (by name) whose reminders it stops. */
export interface UnsubscribeTarget extends UnsubscribeClaim {
  workspaceName: string;
}

/** What the email behind a link was about, read again at the time the link is opened. */
export interface OpenedEmail {
  row: NotificationRow;
  /** undefined when its contract or deliverable is gone. */
  data: TemplateData | undefined;
}

/** BullMQ's largest priority (2^21); a backlog deeper than that shares the last place. */
const MAX_PRIORITY = 2_097_152;

export interface NotificationFilter {
  kind?: NotificationKind;
  status?: NotificationStatus;
  audience?: NotificationAudience;
  subjectId?: string;
}

@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Enqueues one notifications.send job per row (job id `notification-<id>`): while that job exists
   * (waiting, delayed, active, or kept after completion/failure), adding it again is a no-op, and the send
   * handler skips rows already final, so calling this twice for a row never sends twice. Call it after the
   * INSERT has committed: the job may run at once.
   */
  async enqueueSend(ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    const ranks = await this.backlogRanks(unique);
    await this.jobs.addBulk(
      unique.map((notificationId) => ({
        name: JobName.NotificationsSend,
        data: { notificationId },
        priority: Math.min(ranks.get(notificationId) ?? 1, MAX_PRIORITY),
      })),
    );
  }

  /**
   * Fair scheduling across workspaces in the one shared send queue: a send's priority is its row's place in
   * its workspace's backlog of pending rows (1 = the oldest), and the queue serves lower numbers first,
   * first come first served among equals. So every workspace's first pending email goes before any
   * workspace's second: a burst of hundreds delays another workspace's single email by at most one email
   * per busy workspace instead of the whole burst (test/notifications-fairness.e2e-spec.ts).
   */
  private async backlogRanks(ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows = (await this.db.query(
      `SELECT id, rank::int AS rank FROM (
         SELECT p.id, row_number() OVER (PARTITION BY p.workspace_id ORDER BY p.created_at, p.id) AS rank
           FROM notifications p
          WHERE p.status IN ('scheduled', 'late') AND p.workspace_id IN (SELECT workspace_id FROM notifications WHERE id = ANY($1::uuid[]))
       ) ranked WHERE id = ANY($1::uuid[])`,
      [ids],
    )) as { id: string; rank: number }[];
    return new Map(rows.map((r) => [r.id, r.rank]));
  }

  /**
   * Pending rows nobody is sending: the scan committed them but its worker died before enqueueing, or
   * their job is gone, or it failed for good (attempts spent while PostgreSQL was down: it could not even
   * mark the row). Older than any normal enqueue delay and with no live claim; reviving is safe (a live job
   * is left alone, the handler skips final rows). Run hourly by renewals.scan.
   */
  async requeueStranded(): Promise<number> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM notifications
        WHERE status IN ('scheduled', 'late') AND created_at < now() - interval '10 minutes'
          AND (claimed_at IS NULL OR claimed_at < now() - make_interval(secs => $1))
        ORDER BY due_at LIMIT 5000`,
      [this.config.NOTIFICATION_CLAIM_LEASE_SECONDS],
    );
    await this.jobs.revive(rows.map((row) => ({ name: JobName.NotificationsSend, data: { notificationId: row.id } })));
    return rows.length;
  }

  /** Rows of the current workspace, newest first; limit + 1 rows (see toPage). */
  async list(filter: NotificationFilter, limit: number, cursor?: string): Promise<NotificationRow[]> {
    const params: unknown[] = [RequestContext.workspaceId()];
    const where = ['n.workspace_id = $1'];
    const add = (sql: string, value: unknown) => where.push(sql.replace('?', `$${params.push(value)}`));
    if (filter.kind) add('n.kind = ?', filter.kind);
    if (filter.status) add('n.status = ?', filter.status);
    if (filter.audience) add('n.audience = ?', filter.audience);
    if (filter.subjectId) add('n.subject_id = ?', filter.subjectId);
    const after = decodeCursor(cursor);
    if (after) where.push(`(n.created_at, n.id) < ($${params.push(after.createdAt)}::timestamptz, $${params.push(after.id)}::uuid)`);
    params.push(limit + 1);
    return this.db.query(
      `SELECT ${NOTIFICATION_COLUMNS} FROM notifications n WHERE ${where.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /** One row of the current workspace; undefined when absent or another workspace's. */
  async find(id: string): Promise<NotificationRow | undefined> {
    const [row] = (await this.db.query(`SELECT ${NOTIFICATION_COLUMNS} FROM notifications n WHERE n.id = $1 AND n.workspace_id = $2`, [
      id,
      RequestContext.workspaceId(),
    ])) as NotificationRow[];
    return row;
  }

  /** Whom an unsubscribe token names, without changing anything (the page a GET shows). */
  async unsubscribeTarget(token: string | undefined): Promise<ExpiringTokenCheck<UnsubscribeTarget>> {
    const check = verifyUnsubscribeToken(this.config.JWT_SECRET, token, this.clock.now());
    if (check.state !== 'valid') return check;
    const [workspace] = (await this.db.query(`SELECT name FROM workspaces WHERE id = $1`, [check.value.workspaceId])) as { name: string }[];
    return workspace ? { state: 'valid', value: { ...check.value, workspaceName: workspace.name } } : { state: 'invalid' };
  }

  /** Records the suppression a valid unsubscribe token asks for (idempotent). */
  async unsubscribe(token: string | undefined): Promise<ExpiringTokenCheck<UnsubscribeTarget>> {
    const target = await this.unsubscribeTarget(token);
    if (target.state !== 'valid') return target;
    await this.db.query(
      `INSERT INTO email_suppressions (workspace_id, email, reason) VALUES ($1, $2, 'unsubscribed')
       ON CONFLICT (workspace_id, lower(email)) DO NOTHING`,
      [target.value.workspaceId, target.value.email],
    );
    return target;
  }

  /** The email an action link (emailLink) was made for, with its subject's data as it is now. */
  async opened(token: string | undefined): Promise<ExpiringTokenCheck<OpenedEmail>> {
    const check = verifyEmailLink(this.config.JWT_SECRET, token, this.clock.now());
    if (check.state !== 'valid') return check;
    const [row] = (await this.db.query(
      `SELECT ${NOTIFICATION_COLUMNS}, ${TEMPLATE_COLUMNS} FROM notifications n ${TEMPLATE_JOINS} WHERE n.id = $1`,
      [check.value],
    )) as (NotificationRow & Record<`t_${string}`, unknown>)[];
    return row ? { state: 'valid', value: { row, data: templateData(row) } } : { state: 'invalid' };
  }
}
