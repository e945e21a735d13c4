import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppMetrics } from '@app/metrics';
import { JobQueue, withTimeout } from './job-queue.service';
import { QueueName } from './jobs';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * acrm_queue_jobs per queue and state, read from the queue backend when Prometheus scrapes (no polling
 * in between). Bounded: a dead backend gives acrm_queue_backend_up 0 and no depth series within a
 * second, never a hanging scrape.
 */
@Injectable()
export class QueueDepths implements OnModuleInit {
  private readonly logger = new Logger('QueueDepths');

  constructor(
    private readonly jobs: JobQueue,
    private readonly metrics: AppMetrics,
  ) {}

  onModuleInit(): void {
    this.metrics.beforeScrape(() => this.collect());
  }

  async collect(timeoutMs = 1_000): Promise<void> {
    const { queueJobs, queueBackendUp } = this.metrics;
    try {
      const counts = await withTimeout(
        Promise.all(
          Object.values(QueueName).map(async (queue) => ({ queue, counts: await this.jobs.queue(queue).getJobCounts(...STATES) })),
        ),
        timeoutMs,
        'queue backend',
      );
      queueJobs.reset();
      for (const { queue, counts: byState } of counts) for (const state of STATES) queueJobs.set({ queue, state }, byState[state] ?? 0);
      queueBackendUp.set(1);
    } catch (error) {
      queueJobs.reset();
      queueBackendUp.set(0);
      this.logger.warn(`queue depths not collected: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
