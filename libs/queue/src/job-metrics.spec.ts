import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { AppMetrics } from '@app/metrics';
import { observeJob } from './job-metrics';

const job = (attemptsMade: number, attempts = 3) => ({ name: 'notifications.send', attemptsMade, opts: { attempts } }) as unknown as Job;

async function series(metrics: AppMetrics, name: string): Promise<Record<string, number>> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name)!;
  return Object.fromEntries(
    (metric.values as { labels: Record<string, string | number>; value: number; metricName?: string }[])
      .filter((v) => !v.metricName || v.metricName.endsWith('_count'))
      .map((v) => [
        Object.entries(v.labels)
          .filter(([k]) => k !== 'le')
          .map(([k, l]) => `${k}=${l}`)
          .join(','),
        v.value,
      ]),
  );
}

describe(observeJob.name, () => {
  it('times completed, failed and delayed runs and counts failures, final only when no retry is left', async () => {
    // Prepare
    const metrics = new AppMetrics();
    const boom = new Error('smtp down');

    // Act
    await expect(observeJob(metrics, job(0), async () => 'ok')).resolves.toBe('ok');
    await expect(observeJob(metrics, job(0), () => Promise.reject(boom))).rejects.toBe(boom);
    await expect(observeJob(metrics, job(2), () => Promise.reject(boom))).rejects.toBe(boom);
    await expect(observeJob(metrics, job(0), () => Promise.reject(new UnrecoverableError('bad payload')))).rejects.toThrow('bad payload');
    await expect(observeJob(metrics, job(0), () => Promise.reject(new DelayedError()))).rejects.toBeInstanceOf(DelayedError);

    // Assert
    expect(await series(metrics, 'acrm_job_duration_seconds')).toEqual({
      'job=notifications.send,outcome=completed': 1,
      'job=notifications.send,outcome=failed': 3,
      'job=notifications.send,outcome=delayed': 1,
    });
    expect(await series(metrics, 'acrm_job_failures_total')).toEqual({
      'job=notifications.send,final=false': 1,
      'job=notifications.send,final=true': 2,
    });
  });
});
