import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { JobName, JobQueue, QueueName, queueOfJob, withTimeout } from '@app/queue';

type ScheduledJob =
  | JobName.RenewalsScan
  | JobName.ContractsRollover
  | JobName.DeliverablesScan
  | JobName.CostsAccrue
  | JobName.ReportsScan
  | JobName.RollupsSweep
  | JobName.RollupsReconcile
  | JobName.EventsDispatch
  | JobName.EventsRetention
  | JobName.LedgerPartitions;

/** Cron patterns (UTC) of the scheduled jobs; the one place they are declared. A new scheduled job adds its line here. */
export const JOB_SCHEDULES: Record<ScheduledJob, string> = {
  [JobName.RenewalsScan]: '0 * * * *',
  [JobName.ContractsRollover]: '0 * * * *',
  [JobName.DeliverablesScan]: '0 * * * *',
  // Daily per brand, hourly here: each brand's new day (its own zone) is accrued within the hour; reruns write nothing.
  [JobName.CostsAccrue]: '10 * * * *',
  // Picks up rollup marks whose rollups.relationship job was never enqueued (queue backend down at commit).
  [JobName.RollupsSweep]: '* * * * *',
  [JobName.RollupsReconcile]: '30 2 * * *',
  // Quarter close is 06:00 in each brand's zone: hourly finds every zone's within the hour.
  [JobName.ReportsScan]: '0 * * * *',
  // The outbox's backstop (seconds field first): each commit asks for a dispatch, this catches a lost ask.
  [JobName.EventsDispatch]: '*/5 * * * * *',
  [JobName.EventsRetention]: '40 3 * * *',
  // Months ahead of the ledger's partitions (docs/scaling.md); daily keeps LEDGER_MONTHS_AHEAD - 1 months of margin.
  [JobName.LedgerPartitions]: '20 0 * * *',
};

/** A full recompute: nightly (or `npm run cli -- run-job rollups.reconcile`), not on every worker start. */
const NOT_AT_START: readonly ScheduledJob[] = [JobName.RollupsReconcile];

/** How often a worker checks that the job schedulers still exist (see JobSchedules.restoreIfLost). */
export const SCHEDULES_CHECK_MS = 10_000;

export function isScheduledJob(name: string): name is ScheduledJob {
  return Object.keys(JOB_SCHEDULES).includes(name);
}

/**
 * At worker start: upserts each job scheduler (the scheduler id is the job name, so every worker start
 * replaces rather than adds, and two workers share one schedule) and enqueues one run now, so a worker
 * that was down does not wait for the next hour. Runs are idempotent, so a second start is harmless.
 */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('JobSchedules');
  private check?: NodeJS.Timeout;
  private checking = false;
  /** Set when the app closes: its queue connections close next, and what they cut short then is no fault. */
  private stopped = false;
  private readonly onReconnect = () => void this.restoreIfLost();

  /** Settles once every scheduler is upserted and its first run enqueued (or the attempt failed and was logged, or the app closed). */
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly jobs: JobQueue) {}

  /**
   * Not awaited: with the queue backend down the commands wait for it to come back, and the worker must
   * still start (its health port then reports the queue down) instead of hanging in bootstrap.
   */
  onApplicationBootstrap(): void {
    this.ready = this.register().catch((error: Error) => {
      if (!this.stopped) this.logger.error(`job schedulers not set up: ${error.message}`, error.stack);
    });
    this.check = setInterval(this.onReconnect, SCHEDULES_CHECK_MS).unref();
    // And at once when a connection comes back: that is when a restarted backend shows up empty.
    for (const queue of this.queues()) this.jobs.queue(queue).getBackend().on('ready', this.onReconnect);
  }

  /** The first of Nest's close hooks, before the queues close (their onApplicationShutdown): stop watching them. */
  onModuleDestroy(): void {
    this.stopped = true;
    clearInterval(this.check);
    for (const queue of this.queues()) this.jobs.queue(queue).getBackend().removeListener('ready', this.onReconnect);
  }

  /**
   * A queue backend back without its data (Redis restarted without persistence, a failover to an empty
   * replica) has no job schedulers, and nothing scheduled would run again until a worker restarted. When
   * one is missing, all are registered again, with their run now: the scans and rollups.sweep then pick up
   * what is owed. Skipped while the backend is down (the check would only wait for it).
   */
  async restoreIfLost(): Promise<void> {
    if (this.checking || this.stopped) return;
    this.checking = true;
    try {
      await this.ready;
      const queues = this.queues();
      if (!queues.every((queue) => this.jobs.isReachable(queue))) return;
      const lists = await withTimeout(
        Promise.all(queues.map((queue) => this.jobs.queue(queue).getJobSchedulers())),
        2_000,
        'queue backend',
      );
      const present = new Set(lists.flat().map((scheduler) => scheduler.key));
      const missing = Object.keys(JOB_SCHEDULES).filter((name) => !present.has(name));
      if (!missing.length) return;
      this.logger.warn(`job schedulers missing from the queue backend (${missing.join(', ')}): it lost its data; registering them again`);
      await this.register();
    } catch (error) {
      if (!this.stopped) this.logger.warn(`job schedulers not checked: ${(error as Error).message}`);
    } finally {
      this.checking = false;
    }
  }

  private queues(): QueueName[] {
    return [...new Set(Object.keys(JOB_SCHEDULES).map((name) => queueOfJob[name as ScheduledJob]))];
  }

  private async register(): Promise<void> {
    for (const [name, pattern] of Object.entries(JOB_SCHEDULES) as [ScheduledJob, string][]) {
      if (this.stopped) return;
      await this.jobs.queue(queueOfJob[name]).upsertJobScheduler(name, { pattern }, { name, data: {} });
      if (!NOT_AT_START.includes(name)) await this.jobs.add({ name, data: {} });
    }
    this.logger.log(
      `job schedulers: ${Object.entries(JOB_SCHEDULES)
        .map(([name, pattern]) => `${name} (${pattern})`)
        .join(', ')}; one run of each enqueued now except ${NOT_AT_START.join(', ')}`,
    );
  }
}
