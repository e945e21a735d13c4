import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { JobData, JobName, OnJob } from '@app/queue';
import { ReconcileResult, RecomputeResult, RollupsService, SweepResult } from '@app/rollups';
import { isUuid } from '@app/common';

/** Thin: libs/rollups holds the SQL and the rules; every run recomputes from the ledgers, so a retry or a second worker is harmless. */
@Injectable()
export class RollupsProcessor implements OnModuleInit {
  private readonly logger = new Logger('RollupsProcessor');

  constructor(private readonly rollups: RollupsService) {}

  /**
   * Before the queue workers start (they do at application bootstrap): a sweep that fell due while the worker
   * was down runs at once, and then meets prepared connections (RollupsService.warmUp).
   */
  onModuleInit(): Promise<void> {
    return this.rollups.warmUp();
  }

  @OnJob(JobName.RollupsRelationship)
  async recompute({ relationshipId }: JobData<JobName.RollupsRelationship>): Promise<RecomputeResult | null> {
    // Not retried: a malformed payload would fail the same way on every attempt.
    if (!isUuid(relationshipId)) {
      this.logger.warn(`rollups.relationship skipped: "${relationshipId}" is not a relationship id`);
      return null;
    }
    return this.rollups.recompute([relationshipId]);
  }

  @OnJob(JobName.RollupsSweep)
  sweep(): Promise<SweepResult> {
    return this.rollups.sweep();
  }

  @OnJob(JobName.RollupsReconcile)
  async reconcile(): Promise<ReconcileResult> {
    const result = await this.rollups.reconcile();
    await this.rollups.warmUp();
    return result;
  }
}
