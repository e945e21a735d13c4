import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { JobName, JobQueue } from '@app/queue';

/**
 * Asks the worker to recompute relationships whose days were marked dirty (markRollupDirty), after the
 * transaction that marked them has committed. Best effort by design: the marks in PostgreSQL are the
 * record of owed work and rollups.sweep picks up any whose job was never enqueued (queue backend down).
 *
 * Debounced per relationship with BullMQ deduplication rather than a fixed job id: a fixed id would also
 * match the completed job BullMQ keeps for a day and silently drop every later trigger.
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
    const delay = this.config.ROLLUP_DEBOUNCE_MS;
    for (const relationshipId of new Set(relationshipIds)) {
      if (!relationshipId) continue;
      this.jobs
        .add({ name: JobName.RollupsRelationship, data: { relationshipId } }, { delay, deduplication: { id: `rollup-${relationshipId}`, ttl: Math.max(delay, 1) } })
        .catch((error: Error) => this.logger.warn(`rollup of relationship ${relationshipId} not enqueued (rollups.sweep will pick it up): ${error.message}`));
    }
  }
}
