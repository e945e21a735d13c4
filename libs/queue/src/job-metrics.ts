import { DelayedError, Job, RateLimitError, UnrecoverableError, WaitingChildrenError, WaitingError } from 'bullmq';
import { AppMetrics } from '@app/metrics';

/** Errors a handler throws to have BullMQ move the job elsewhere (delayed, waiting): not failures. */
const moved = (error: unknown) =>
  error instanceof DelayedError ||
  error instanceof WaitingError ||
  error instanceof WaitingChildrenError ||
  error instanceof RateLimitError;

/**
 * Times one run of a job into acrm_job_duration_seconds (outcome completed, failed or delayed) and counts
 * a failure into acrm_job_failures_total, final when BullMQ will not retry it (attempts used up or
 * UnrecoverableError). The error is rethrown unchanged: BullMQ's retry logic stays in charge.
 */
export async function observeJob<T>(metrics: AppMetrics, job: Job, run: () => Promise<T>): Promise<T> {
  const end = metrics.jobDuration.startTimer({ job: job.name });
  try {
    const result = await run();
    end({ outcome: 'completed' });
    return result;
  } catch (error) {
    if (moved(error)) {
      end({ outcome: 'delayed' });
      throw error;
    }
    end({ outcome: 'failed' });
    const final = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    metrics.jobFailures.inc({ job: job.name, final: String(final) });
    throw error;
  }
}
