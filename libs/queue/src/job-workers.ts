import { hostname } from 'node:os';
import { BeforeApplicationShutdown, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Job, MinimalJob, Worker, WorkerOptions } from 'bullmq';
import { AppConfig } from '@app/config';
import { AppMetrics, MetricsModule } from '@app/metrics';
import { JobHandlerRegistry } from './job-handlers';
import { observeJob } from './job-metrics';
import { JobQueue } from './job-queue.service';
import { JobData, JobName, QueueName, queueOfJob, WEBHOOK_BACKOFF } from './jobs';

/** Jobs run at once per queue and worker process: scans fan out themselves, sends and rollups are many and small. */
export const workerConcurrency: Record<QueueName, number> = {
  [QueueName.Scheduled]: 1,
  [QueueName.Notifications]: 5,
  [QueueName.Rollups]: 4,
  [QueueName.Reports]: 1,
  // One dispatcher at a time keeps the fan-out in event order (it also takes a lock: other processes wait).
  [QueueName.Events]: 1,
  // Replaced by WEBHOOK_CONCURRENCY (queueWorkerOptions).
  [QueueName.Webhooks]: 16,
};

/**
 * Per-queue extras. Notifications: BullMQ's limiter keeps sends under the mail provider's limit. The
 * limiter state lives in Redis, so it caps the queue as a whole (all worker processes together).
 */
export function queueWorkerOptions(queue: QueueName, config: AppConfig): Partial<WorkerOptions> {
  if (queue === QueueName.Notifications) return { limiter: { max: config.MAIL_RATE_PER_SECOND, duration: 1_000 } };
  if (queue === QueueName.Webhooks)
    return { concurrency: config.WEBHOOK_CONCURRENCY, settings: { backoffStrategy: webhookBackoff(config) } };
  return {};
}

/**
 * Delays between webhook delivery attempts (WEBHOOK_RETRY_DELAYS_MS: about 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h, 10 h): the nth retry waits the nth delay, the last one repeated if attempts outnumber them. A job
 * that took over a delivery from a batch job counts the attempts made there (`attemptsBefore`).
 */
export function webhookBackoff(config: AppConfig): (attemptsMade: number, type?: string, error?: Error, job?: MinimalJob) => number {
  const delays = config.WEBHOOK_RETRY_DELAYS_MS.split(',').map(Number);
  return (attemptsMade, type, _error, job) => {
    if (type !== WEBHOOK_BACKOFF) return 0;
    const before = (job?.data as { attemptsBefore?: number } | undefined)?.attemptsBefore ?? 0;
    return delays[Math.min(attemptsMade + before, delays.length) - 1];
  };
}

/**
 * Runs the job handlers of this process: at start it checks that every job name has exactly one handler
 * (a duplicate or a missing one stops the worker), then opens one BullMQ worker per queue and dispatches
 * each job by name. Shutdown closes the workers first (letting active
 * jobs finish) while the database and queue connections are still open.
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobWorkers');
  private workers: Worker[] = [];
  /** False while the backend was never reached: a graceful close() would wait for it forever. */
  private connected = false;

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
    private readonly metrics: AppMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.registry.discover();
    this.registry.assertEachHandledOnce();
    const { handled } = this.registry.coverage();
    this.logger.log(`job handlers: every job name has one [${handled.join(', ')}]`);
    const queues = [...new Set(handled.map((name) => queueOfJob[name]))];
    this.workers = queues.map((queue) => this.start(queue));
    // Bounded: with the queue backend down the process still starts (its health port answers 503) and
    // BullMQ connects the workers once the backend is back.
    const ready = Promise.all(this.workers.map((worker) => worker.waitUntilReady())).then(
      () => (this.connected = true),
      () => false,
    );
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([ready, new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 5_000)))]);
    clearTimeout(timer);
    if (!waited) this.logger.warn('queue backend not reachable yet: the queue workers will start processing once it is');
    if (queues.length) this.logger.log(`processing queues: ${queues.map((q) => `${q} (concurrency ${workerConcurrency[q]})`).join(', ')}`);
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((worker) => worker.close(!this.connected)));
    this.logger.log(`shutting down${signal ? ` on ${signal}` : ''}: ${workers.length} queue worker(s) closed`);
  }

  /** Queue names this process consumes; empty until processors exist. */
  consumedQueues(): string[] {
    return this.workers.map((worker) => worker.name);
  }

  private start(queue: QueueName): Worker {
    // Same connection and prefix as the producer side (QueueModule), so both backends work unchanged.
    const { connection, prefix } = this.jobs.queue(queue).opts;
    const worker = new Worker(queue, (job: Job) => this.dispatch(job), {
      connection,
      prefix,
      concurrency: workerConcurrency[queue],
      // A killed worker's active jobs go back to waiting once their lock is JOB_LOCK_MS old.
      lockDuration: this.config.JOB_LOCK_MS,
      stalledInterval: this.config.JOB_LOCK_MS,
      name: `${hostname()}-${process.pid}`,
      ...queueWorkerOptions(queue, this.config),
    });
    // While the backend is known down (JobQueue logged it once), not one line per reconnection attempt.
    worker.on('error', (error) => this.jobs.isReachable(queue) && this.logger.error(`worker ${queue}: ${error.message}`, error.stack));
    worker.on('failed', (job, error) =>
      this.logger.warn(`job ${job?.name ?? '?'} ${job?.id ?? ''} failed (attempt ${job?.attemptsMade ?? '?'}): ${error.message}`),
    );
    return worker;
  }

  private dispatch(job: Job): Promise<unknown> {
    return observeJob(this.metrics, job, async () => {
      const handle = this.registry.get(job.name);
      // A job name this version cannot run (older or newer deployment): fail loudly, it is retried with backoff.
      if (!handle) throw new Error(`No handler for job "${job.name}" on queue "${job.queueName}" in this worker`);
      return handle(job.data, job as Job<JobData<JobName>, unknown, JobName>);
    });
  }
}

/** Imported by the worker app only: the api enqueues but never processes. */
@Module({
  imports: [DiscoveryModule, MetricsModule],
  providers: [JobHandlerRegistry, JobWorkers],
  exports: [JobHandlerRegistry, JobWorkers],
})
export class JobWorkersModule {}
