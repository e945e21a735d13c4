import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { JobItem, JobName, JobQueue, QueueName } from '@app/queue';

/** Above this many relationships in one commit, one rollups.sweep replaces the per-relationship jobs. */
export const MAX_JOBS_PER_COMMIT = 50;

/**
 * Asks the worker to recompute relationships whose days were marked dirty (markRollupDirty), after the
 * transaction that marked them has committed. Best effort by design: the marks in PostgreSQL are the
 * record of owed work and rollups.sweep picks up any whose job was never enqueued (queue backend down).
 *
 * Debounced per relationship with BullMQ deduplication rather than a fixed job id: a fixed id would also
 * match the completed job BullMQ keeps for a day and silently drop every later trigger. The deduplication
 * lasts until the job finishes, not for a TTL: with no worker consuming (an outage, an API run alone), a
 * relationship written all day still has one pending job, where a TTL let each window add another
 * (millions of stale jobs in Redis after a long ingest). A trigger while the job runs keeps one follow-up
 * (`keepLastIfActive`), as the running job may have read the ledgers before that write committed.
 */
@Injectable()
export class RollupTrigger {
  private readonly logger = new Logger('RollupTrigger');

  constructor(
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  /** Not awaited by callers: a request never waits for (or fails because of) the queue backend. */
  touch(relationshipIds: Iterable<string | null | undefined>): void {
    const ids = [...new Set(relationshipIds)].filter((id): id is string => Boolean(id));
    if (ids.length === 0) return;
    // Backend known down: one line per commit rather than one per relationship; the marks wait for the sweep.
    if (!this.jobs.isReachable(QueueName.Rollups))
      return void this.logger.warn(`queue backend down: rollups of ${ids.length} relationship(s) left to rollups.sweep`);
    // A big commit (a conversion batch touches thousands) asks for one sweep of the marks it wrote: a job per
    // relationship cost the API three times the rest of the batch route in CPU, and Redis as much again.
    if (ids.length > MAX_JOBS_PER_COMMIT)
      return this.debounce({ name: JobName.RollupsSweep, data: {} }, 'rollups-sweep-soon', `sweep for ${ids.length} relationships`);
    for (const relationshipId of ids)
      this.debounce(
        { name: JobName.RollupsRelationship, data: { relationshipId } },
        `rollup-${relationshipId}`,
        `rollup of relationship ${relationshipId}`,
      );
  }

  /** Enqueued after ROLLUP_DEBOUNCE_MS unless `dedupId` is pending already; a failure is left to the scheduled sweep. */
  private debounce(item: JobItem, dedupId: string, what: string): void {
    this.jobs
      .tryAdd(item, { delay: this.config.ROLLUP_DEBOUNCE_MS, deduplication: { id: dedupId, keepLastIfActive: true } })
      .catch((error: Error) => this.logger.warn(`${what} not enqueued (rollups.sweep will pick it up): ${error.message}`));
  }
}
