import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobName, JobQueue, queueOfJob } from '@app/queue';

type ScheduledJob = JobName.RenewalsScan | JobName.ContractsRollover | JobName.DeliverablesScan;

/** Cron patterns (UTC) of the scheduled jobs; the one place they are declared. Later daily jobs add lines here. */
export const JOB_SCHEDULES: Record<ScheduledJob, string> = {
  [JobName.RenewalsScan]: '0 * * * *',
  [JobName.ContractsRollover]: '0 * * * *',
  [JobName.DeliverablesScan]: '0 * * * *',
};

export function isScheduledJob(name: string): name is ScheduledJob {
  return Object.keys(JOB_SCHEDULES).includes(name);
}

/**
 * At worker start: upserts each job scheduler (the scheduler id is the job name, so every worker start
 * replaces rather than adds, and two workers share one schedule) and enqueues one run now, so a worker
 * that was down does not wait for the next hour. Runs are idempotent, so a second start is harmless.
 */
@Injectable()
export class JobSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger('JobSchedules');

  /** Settles once every scheduler is upserted and its first run enqueued (or the attempt failed and was logged). */
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly jobs: JobQueue) {}

  /**
   * Not awaited: with the queue backend down the commands wait for it to come back, and the worker must
   * still start (its health port then reports the queue down) instead of hanging in bootstrap.
   */
  onApplicationBootstrap(): void {
    this.ready = this.register().catch((error: Error) => this.logger.error(`job schedulers not set up: ${error.message}`, error.stack));
  }

  private async register(): Promise<void> {
    for (const [name, pattern] of Object.entries(JOB_SCHEDULES) as [ScheduledJob, string][]) {
      await this.jobs.queue(queueOfJob[name]).upsertJobScheduler(name, { pattern }, { name, data: {} });
      await this.jobs.add({ name, data: {} });
    }
    this.logger.log(`job schedulers: ${Object.entries(JOB_SCHEDULES).map(([name, pattern]) => `${name} (${pattern})`).join(', ')}; one run of each enqueued now`);
  }
}
