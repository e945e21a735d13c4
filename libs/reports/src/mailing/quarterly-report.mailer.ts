import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException, Clock, isUuid } from '@app/common';
import { MISSED_AFTER_MS, NotificationSchedule, PENDING_STATUSES } from '@app/notifications';
import { JobData, JobName } from '@app/queue';
import { QuarterlyReportsService } from '../quarterly-reports.service';
import { quarterCloseAt, reportPeriod } from './quarter-close';

export type MailOutcome = { outcome: 'enqueued'; notificationId: string } | { outcome: 'skipped'; reason: string };

const REQUEST_ID = /^[\w-]{1,64}$/;

/**
 * The report email's row, once per (brand, kind, offset 0, period): recipients are the brand's managers at
 * the time the row is made (people removed from the workspace are not).
 */
const REPORT_ROW = `
  SELECT b.workspace_id, 'quarterly_report', 'brand', b.id, 0, CAST(:period AS text), 'managers',
         ARRAY(SELECT u.email FROM brand_managers bm JOIN users u ON u.id = bm.user_id
                JOIN members m ON m.user_id = u.id AND m.workspace_id = b.workspace_id
               WHERE bm.brand_id = b.id ORDER BY lower(u.email)),
         'scheduled', CAST(:late AS boolean), CAST(:dueAt AS timestamptz)
  FROM brands b WHERE b.id = :brandId`;

/**
 * reports.quarterly: freezes a closed quarter (its snapshot, immutable and taken once) and makes the
 * email row, then enqueues notifications.send, which renders the report (QuarterlyReportEmail) and sends it
 * exactly once under the row's claim.
 * - Without requestId it is the close email (period = quarter): not before the close moment, once ever.
 * - With requestId (POST /v1/reports/quarterly/send) it is one on-demand email (period = quarter/requestId),
 *   live figures for an open quarter, the snapshot for a closed one; it goes out even after the close email.
 */
@Injectable()
export class QuarterlyReportMailer {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reports: QuarterlyReportsService,
    private readonly clock: Clock,
    private readonly notifications: NotificationSchedule,
  ) {}

  async run({ brandId, quarter, requestId }: JobData<JobName.ReportsQuarterly>): Promise<MailOutcome> {
    if (!isUuid(brandId)) return { outcome: 'skipped', reason: 'not a brand id' };
    if (requestId !== undefined && !REQUEST_ID.test(requestId)) return { outcome: 'skipped', reason: 'not a request id' };
    const [brand] = (await this.db.query(
      `SELECT workspace_id AS "workspaceId", timezone, fiscal_year_start_month AS "fiscalYear" FROM brands WHERE id = $1`,
      [brandId],
    )) as {
      workspaceId: string;
      timezone: string;
      fiscalYear: number;
    }[];
    if (!brand) return { outcome: 'skipped', reason: 'brand is gone' };
    let closed: boolean;
    try {
      closed = (await this.reports.resolve(brand.workspaceId, brandId, quarter)).closed;
    } catch (error) {
      // A malformed or future quarter: no retry can fix it.
      if (error instanceof AppException) return { outcome: 'skipped', reason: error.message };
      throw error;
    }
    const now = this.clock.now();
    const closeAt = quarterCloseAt(quarter, brand.fiscalYear, brand.timezone);
    if (!requestId && now < closeAt)
      return { outcome: 'skipped', reason: `the close email of ${quarter} is due at ${closeAt.toISOString()}` };
    if (closed) await this.reports.snapshot(brand.workspaceId, brandId, quarter);

    const dueAt = requestId ? now : closeAt;
    const late = !requestId && now.getTime() - closeAt.getTime() > MISSED_AFTER_MS;
    const period = reportPeriod(quarter, requestId);
    const row = await this.notifications.insertOrFind(
      REPORT_ROW,
      { brandId, period, late, dueAt },
      { subjectId: brandId, kind: 'quarterly_report', offsetDays: 0, period },
    );
    if (!row) return { outcome: 'skipped', reason: 'brand is gone' };
    if (!PENDING_STATUSES.includes(row.status as never)) return { outcome: 'skipped', reason: `already ${row.status}` };
    // Also for a row an earlier attempt made: a crash between its commit and its enqueue must not strand it.
    await this.notifications.send([row.id]);
    return { outcome: 'enqueued', notificationId: row.id };
  }
}
