import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { AppConfig } from '@app/config';
import { AppMetrics } from '@app/metrics';
import { Budget } from './budget';
import { RateLimitErrorCode } from './rate-limit.exception';
import { RateLimitStore } from './rate-limit.store';

/**
 * On-demand report emails (POST /v1/reports/quarterly/send): REPORT_SENDS_PER_WORKSPACE_PER_HOUR per
 * workspace and REPORT_SENDS_PER_BRAND_QUARTER_PER_DAY per brand and quarter. Each is an email with the
 * report attached to every manager of the brand: without a bound one workspace could queue hundreds
 * in seconds, to any address it made a manager, ahead of everybody else's mail.
 */
@Injectable()
export class ReportSendLimits {
  private readonly perWorkspace: Budget;
  private readonly perBrandQuarter: Budget;

  constructor(store: RateLimitStore, config: AppConfig, metrics: AppMetrics) {
    const refusal = (detail: string) => ({
      code: RateLimitErrorCode.ReportSendsThrottled,
      detail: `${detail}; retry after Retry-After seconds`,
    });
    this.perWorkspace = new Budget(
      store,
      { name: 'report-send-workspace', points: config.REPORT_SENDS_PER_WORKSPACE_PER_HOUR, durationSeconds: 3600 },
      metrics,
      refusal(`At most ${config.REPORT_SENDS_PER_WORKSPACE_PER_HOUR} report emails an hour per workspace`),
    );
    this.perBrandQuarter = new Budget(
      store,
      { name: 'report-send-brand-quarter', points: config.REPORT_SENDS_PER_BRAND_QUARTER_PER_DAY, durationSeconds: 24 * 3600 },
      metrics,
      refusal(`At most ${config.REPORT_SENDS_PER_BRAND_QUARTER_PER_DAY} report emails a day of one brand's quarter`),
    );
  }

  /**
   * Counts one send against both budgets (a refusal by the second gives the first its point back) and
   * returns the workspace's sends this hour, this one included: the job's priority (fair ordering).
   */
  async take(workspaceId: string, brandId: string, quarter: string, response: Response): Promise<number> {
    const sends = await this.perWorkspace.take(`ws:${workspaceId}`, response);
    try {
      await this.perBrandQuarter.take(`${brandId}:${quarter}`, response);
    } catch (error) {
      await this.perWorkspace.refund(`ws:${workspaceId}`);
      throw error;
    }
    return sends;
  }

  /** Gives back what `take` counted, for a send that was not accepted after all (the queue was down: 503). */
  async refund(workspaceId: string, brandId: string, quarter: string): Promise<void> {
    await Promise.all([this.perWorkspace.refund(`ws:${workspaceId}`), this.perBrandQuarter.refund(`${brandId}:${quarter}`)]);
  }
}
