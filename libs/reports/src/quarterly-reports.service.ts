import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, NotFoundException, ValidationException } from '@app/common';
import { ReadReplica } from '@app/database';
import { QuarterlyReport } from './quarterly-report';
import { buildQuarterlyReport, ReportPeriod, SnapshotRow } from './quarterly-report.builder';
import { parseQuarter, quarterRange } from './quarters';
import { ReportsException } from './reports.exception';
import { BRAND, INSERT_SNAPSHOT, SNAPSHOT } from './reports.sql';
import { recordEvent } from '@app/events';

/**
 * The quarterly ROI report of a brand, read from the monthly rollup in a handful of statements
 * (reports.sql.ts) whatever the number of relationships. Takes the workspace explicitly because
 * the worker has no request context; every statement filters by it, so a brand id of another workspace
 * is simply not found.
 */
@Injectable()
export class QuarterlyReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly replica: ReadReplica,
  ) {}

  /** 404 for a brand outside the workspace; 400 naming `quarter` for a malformed quarter or one that has not started. */
  async resolve(workspaceId: string, brandId: string, quarter: string): Promise<ReportPeriod> {
    if (!parseQuarter(quarter)) throw new ValidationException([{ field: 'quarter', message: 'must be a fiscal quarter such as 2026-Q3' }]);
    const [brand] = (await this.db.query(BRAND, [workspaceId, brandId])) as ReportPeriod['brand'][];
    if (!brand) throw new NotFoundException('Brand', brandId);
    const period = quarterRange(quarter, brand.fiscalYearStartMonth);
    const today = this.clock.today(brand.timezone);
    if (today < period.from) throw ReportsException.quarterNotStarted(quarter, period.from, brand.timezone);
    return { brand, quarter, period, closed: today > period.to };
  }

  /** Live from the rollups, whether or not a snapshot exists. */
  async build(workspaceId: string, brandId: string, quarter: string): Promise<QuarterlyReport> {
    return this.buildFor(workspaceId, await this.resolve(workspaceId, brandId, quarter));
  }

  /** The snapshot when the quarter has one (stable once closed), else live. */
  async get(workspaceId: string, brandId: string, quarter: string): Promise<QuarterlyReport> {
    // Side by side, a round trip less before a live build: the snapshot read is filtered by workspace and brand too,
    // so it finds nothing whenever resolve refuses, and resolve's error is the answer.
    const [resolved, snapshot] = await Promise.all([
      this.resolve(workspaceId, brandId, quarter),
      this.readSnapshot(workspaceId, brandId, quarter),
    ]);
    return snapshot ?? this.buildFor(workspaceId, resolved);
  }

  /**
   * Freezes a closed quarter once: INSERT ... ON CONFLICT DO NOTHING, then the stored row is read back, so
   * concurrent or repeated calls all answer the first snapshot and `created` is true for exactly one of them.
   */
  async snapshot(workspaceId: string, brandId: string, quarter: string): Promise<{ report: QuarterlyReport; created: boolean }> {
    const resolved = await this.resolve(workspaceId, brandId, quarter);
    if (!resolved.closed) throw ReportsException.quarterOpen(quarter, resolved.period.to);
    const existing = await this.readSnapshot(workspaceId, brandId, quarter);
    if (existing) return { report: existing, created: false };
    const report = await this.buildFor(workspaceId, resolved);
    // The first snapshot is the quarter's close: announced once, with the row that makes it so.
    const created = await this.db.transaction(async (manager) => {
      const inserted = (await manager.query(INSERT_SNAPSHOT, [workspaceId, brandId, quarter, JSON.stringify(report)])) as unknown[];
      if (inserted.length)
        await recordEvent(manager, {
          type: 'report.quarter_closed',
          subjectType: 'brand',
          subjectId: brandId,
          workspaceId,
          data: { brandId, quarter },
        });
      return inserted.length > 0;
    });
    return { report: (await this.readSnapshot(workspaceId, brandId, quarter)) as QuarterlyReport, created };
  }

  private async readSnapshot(workspaceId: string, brandId: string, quarter: string): Promise<QuarterlyReport | null> {
    const [row] = (await this.db.query(SNAPSHOT, [workspaceId, brandId, quarter])) as SnapshotRow[];
    return row ? { ...withCompleteness(row.data), snapshotCreatedAt: row.createdAt.toISOString() } : null;
  }

  /**
   * Built from the rollups, which lag the ledger anyway: on the read replica when there is one and this is a
   * read-only request (a snapshot, written in a POST or by the worker, is built on the primary).
   */
  private buildFor(workspaceId: string, resolved: ReportPeriod): Promise<QuarterlyReport> {
    return this.replica.read((db) => buildQuarterlyReport(db, workspaceId, resolved, this.clock.now()));
  }
}

/** A snapshot taken before the report recorded what its spend did not hold yet: null fields say so; its months were all over. */
function withCompleteness(data: QuarterlyReport): QuarterlyReport {
  const unknown = { accruedThrough: null, pendingCommission: null, paid: null, owed: null };
  return {
    ...unknown,
    ...data,
    months: data.months.map((month) => ({ ...month, partial: month.partial ?? false })),
    relationships: data.relationships.map((row) => ({ ...unknown, ...row })),
  };
}
