import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService } from '@app/activity';
import { Clock, decodeCursor, ExpiringTokenCheck, NotFoundException, RequestContext } from '@app/common';
import { AppConfig } from '@app/config';
import { QuarterlyReport } from '../quarterly-report';
import { QuarterlyReportsService } from '../quarterly-reports.service';
import { REPORT_LINK_DAYS, reportLinkUrl, signReportLink, verifyReportLink } from './report-link';

export type ReportLinkSource = 'email' | 'share';

export interface ReportLink {
  id: string;
  brandId: string;
  quarter: string;
  source: ReportLinkSource;
  notificationId: string | null;
  expiresAt: Date;
  revokedAt: Date | null;
  createdAt: Date;
}

/** What a link opens: its stored report, or why not (altered, expired, revoked). */
export type OpenedReportLink = ExpiringTokenCheck<QuarterlyReport> | { state: 'revoked'; revokedAt: Date };

const COLUMNS = `id, brand_id AS "brandId", quarter, source, notification_id AS "notificationId", expires_at AS "expiresAt",
  revoked_at AS "revokedAt", created_at AS "createdAt"`;
const DAY_MS = 24 * 3600 * 1000;

/**
 * Links to the report page that a browser opens without a bearer token. Each stores the report as it was
 * when the link was made, so it shows what its email (or its sharer) showed, whatever the figures became;
 * it expires, and an admin may revoke it. The URL carries a signed token naming the link.
 */
@Injectable()
export class ReportLinksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reports: QuarterlyReportsService,
    private readonly activity: ActivityService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** A link of the current workspace to what the report answers now, for `days`; recorded in the audit log. */
  async share(brandId: string, quarter: string, days: number): Promise<{ link: ReportLink; url: string }> {
    const workspaceId = RequestContext.workspaceId();
    const report = await this.reports.get(workspaceId, brandId, quarter);
    const expiresAt = new Date(this.clock.now().getTime() + days * DAY_MS);
    return this.db.transaction(async (manager) => {
      const link = await this.insert(manager, workspaceId, report, 'share', null, expiresAt);
      await this.activity.record(manager, {
        entityType: 'report_link',
        entityId: link.id,
        action: 'created',
        changes: { brandId, quarter: report.quarter, source: 'share', expiresAt: expiresAt.toISOString() },
      });
      return { link, url: this.url(link) };
    });
  }

  /**
   * The link of a report email, made when the email is first rendered and found again on a retry, so every
   * attempt mails the same figures as the link shows: the report to render the email from, and the link's URL.
   */
  async forEmail(notification: { id: string; workspaceId: string; subjectId: string }, quarter: string) {
    const existing = await this.emailLink(notification.id);
    if (existing) return existing;
    const report = await this.reports.get(notification.workspaceId, notification.subjectId, quarter);
    const expiresAt = new Date(this.clock.now().getTime() + REPORT_LINK_DAYS * DAY_MS);
    // ON CONFLICT: two attempts racing (a lease expired mid-send) keep the first link; both read it back.
    await this.insert(this.db.manager, notification.workspaceId, report, 'email', notification.id, expiresAt, true);
    return (await this.emailLink(notification.id)) as { report: QuarterlyReport; url: string };
  }

  async open(token: string | undefined): Promise<OpenedReportLink> {
    const check = verifyReportLink(this.config.JWT_SECRET, token, this.clock.now());
    if (check.state !== 'valid') return check;
    const [row] = (await this.db.query(`SELECT report, revoked_at AS "revokedAt" FROM report_links WHERE id = $1`, [check.value])) as {
      report: QuarterlyReport;
      revokedAt: Date | null;
    }[];
    if (!row) return { state: 'invalid' };
    return row.revokedAt ? { state: 'revoked', revokedAt: row.revokedAt } : { state: 'valid', value: row.report };
  }

  /** Links of the current workspace, newest first; limit + 1 rows (see toPage). */
  async list(filter: { brandId?: string }, limit: number, cursor?: string): Promise<ReportLink[]> {
    const params: unknown[] = [RequestContext.workspaceId()];
    const where = ['workspace_id = $1'];
    if (filter.brandId) where.push(`brand_id = $${params.push(filter.brandId)}`);
    const after = decodeCursor(cursor);
    if (after) where.push(`(created_at, id) < ($${params.push(after.createdAt)}::timestamptz, $${params.push(after.id)}::uuid)`);
    params.push(limit + 1);
    return this.db.query(
      `SELECT ${COLUMNS} FROM report_links WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
  }

  async find(id: string): Promise<ReportLink> {
    const [link] = (await this.db.query(`SELECT ${COLUMNS} FROM report_links WHERE id = $1 AND workspace_id = $2`, [
      id,
      RequestContext.workspaceId(),
    ])) as ReportLink[];
    if (!link) throw new NotFoundException('Report link', id);
    return link;
  }

  /** Stops the link at once (its page then says it was revoked); revoking it again changes nothing. */
  async revoke(id: string): Promise<void> {
    const link = await this.find(id);
    await this.db.transaction(async (manager) => {
      // Through a CTE, so the answer is the rows (an UPDATE's own answer is [rows, count]).
      const revoked = (await manager.query(
        `WITH r AS (UPDATE report_links SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id) SELECT id FROM r`,
        [id],
      )) as unknown[];
      if (revoked.length)
        await this.activity.record(manager, {
          entityType: 'report_link',
          entityId: id,
          action: 'revoked',
          changes: { brandId: link.brandId, quarter: link.quarter, source: link.source },
        });
    });
  }

  private url(link: Pick<ReportLink, 'id' | 'expiresAt'>): string {
    return reportLinkUrl(this.config.APP_URL, signReportLink(this.config.JWT_SECRET, link.id, link.expiresAt));
  }

  private async emailLink(notificationId: string): Promise<{ report: QuarterlyReport; url: string } | undefined> {
    const [row] = (await this.db.query(`SELECT id, report, expires_at AS "expiresAt" FROM report_links WHERE notification_id = $1`, [
      notificationId,
    ])) as { id: string; report: QuarterlyReport; expiresAt: Date }[];
    return row && { report: row.report, url: this.url(row) };
  }

  private async insert(
    manager: EntityManager,
    workspaceId: string,
    report: QuarterlyReport,
    source: ReportLinkSource,
    notificationId: string | null,
    expiresAt: Date,
    ifAbsent = false,
  ): Promise<ReportLink> {
    const [link] = (await manager.query(
      `INSERT INTO report_links (workspace_id, brand_id, quarter, source, notification_id, report, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ${ifAbsent ? 'ON CONFLICT (notification_id) DO NOTHING' : ''} RETURNING ${COLUMNS}`,
      [workspaceId, report.brand.id, report.quarter, source, notificationId, JSON.stringify(report), expiresAt],
    )) as ReportLink[];
    return link;
  }
}
