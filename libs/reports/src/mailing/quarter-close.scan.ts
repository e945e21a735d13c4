import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { calendarDateIn, Clock } from '@app/common';
import { JobName, JobQueue } from '@app/queue';
import { quarterOf, shiftQuarter } from '../quarters';
import { quarterCloseAt } from './quarter-close';

interface BrandRow {
  id: string;
  timezone: string;
  fiscalYearStartMonth: number;
  createdAt: Date;
}

interface DueReport {
  brandId: string;
  quarter: string;
}

/**
 * reports.scan (hourly): each brand whose previous fiscal quarter has reached its close moment (06:00 brand
 * time on the first day of the next quarter) and has no close email row yet gets a reports.quarterly job.
 * Only the latest closed quarter is looked at: after downtime that one goes out (late), earlier ones never
 * burst out; a brand created after a close gets no report of a quarter it was not in. The job id
 * (`quarterly-report-<brand>-<quarter>`) and the row's unique key make repeated scans harmless.
 */
@Injectable()
export class QuarterCloseScan {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
  ) {}

  async run(): Promise<{ enqueued: number }> {
    const now = this.clock.now();
    const brands = (await this.db.query(
      `SELECT id, timezone, fiscal_year_start_month AS "fiscalYearStartMonth", created_at AS "createdAt" FROM brands`,
    )) as BrandRow[];
    const due = brands.flatMap((b): DueReport[] => {
      const quarter = shiftQuarter(quarterOf(calendarDateIn(now, b.timezone), b.fiscalYearStartMonth), -1);
      const closeAt = quarterCloseAt(quarter, b.fiscalYearStartMonth, b.timezone);
      return closeAt <= now && b.createdAt < closeAt ? [{ brandId: b.id, quarter }] : [];
    });
    if (!due.length) return { enqueued: 0 };
    const sent = (await this.db.query(
      `SELECT subject_id AS "brandId", period AS quarter FROM notifications
        WHERE kind = 'quarterly_report' AND offset_days = 0 AND subject_id = ANY($1::uuid[]) AND period = ANY($2::text[])`,
      [due.map((d) => d.brandId), [...new Set(due.map((d) => d.quarter))]],
    )) as DueReport[];
    const done = new Set(sent.map((s) => `${s.brandId}/${s.quarter}`));
    const todo = due.filter((d) => !done.has(`${d.brandId}/${d.quarter}`));
    await this.jobs.addBulk(todo.map((data) => ({ name: JobName.ReportsQuarterly, data })));
    return { enqueued: todo.length };
  }
}
