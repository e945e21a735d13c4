import { Injectable, Logger } from '@nestjs/common';
import { JobData, JobName, OnJob } from '@app/queue';
import { ReconcileResult, RecomputeResult, RollupsService, SweepResult } from '@app/rollups';
import { isUuid } from '@app/common';

/** Thin: libs/rollups holds the SQL and the rules; every run recomputes from the ledgers, so a retry or a second worker is harmless. */
@Injectable()
export class RollupsProcessor {
  private readonly logger = new Logger('RollupsProcessor');

  constructor(private readonly rollups: RollupsService) {}

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
  reconcile(): Promise<ReconcileResult> {
    return this.rollups.reconcile();
  }
}
