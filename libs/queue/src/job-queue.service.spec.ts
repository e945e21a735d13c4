import { getQueueToken } from '@nestjs/bullmq';
import { ModuleRef } from '@nestjs/core';
import { JobQueue } from './job-queue.service';
import { JobItem, jobIdOf, JobName, QueueName } from './jobs';

type State = 'waiting' | 'delayed' | 'active' | 'failed' | 'completed' | 'unknown';

/** One fake queue holding jobs by id in a given state; records adds and retries and the peak of concurrent lookups. */
function fakeQueue(states: Record<string, State>) {
  const calls = { added: [] as string[], retried: [] as Array<{ id: string; state: string; opts: unknown }>, inFlight: 0, peak: 0 };
  const queue = {
    // Like BullMQ: no job for an unknown id; finishedOn only on a failed or completed one.
    getJob: async (id: string) => {
      calls.peak = Math.max(calls.peak, ++calls.inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      calls.inFlight--;
      if (!states[id] || states[id] === 'unknown') return undefined;
      return {
        finishedOn: states[id] === 'failed' || states[id] === 'completed' ? 1 : undefined,
        retry: async (state: string, opts: unknown) => void calls.retried.push({ id, state, opts }),
        getState: async () => states[id],
      };
    },
    add: async (_name: string, _data: unknown, opts: { jobId?: string }) => void calls.added.push(opts.jobId ?? '(no id)'),
  };
  const jobs = new JobQueue({ get: () => queue } as unknown as ModuleRef);
  return { jobs, calls, queue };
}

const send = (notificationId: string): JobItem => ({ name: JobName.NotificationsSend, data: { notificationId } });

describe(JobQueue.name, () => {
  describe('revive', () => {
    it('retries failed and completed jobs with fresh attempts, adds gone ones and leaves live ones alone', async () => {
      // Prepare
      const { jobs, calls } = fakeQueue({
        'notification-f': 'failed',
        'notification-c': 'completed',
        'notification-w': 'waiting',
        'notification-d': 'delayed',
        'notification-a': 'active',
      });

      // Act
      await jobs.revive(['f', 'c', 'w', 'd', 'a', 'gone'].map(send));

      // Assert
      expect(calls.retried).toEqual([
        { id: 'notification-f', state: 'failed', opts: { resetAttemptsMade: true, resetAttemptsStarted: true } },
        { id: 'notification-c', state: 'completed', opts: { resetAttemptsMade: true, resetAttemptsStarted: true } },
      ]);
      expect(calls.added).toEqual(['notification-gone']);
    });

    it('adds items without a deterministic job id', async () => {
      const { jobs, calls } = fakeQueue({});

      await jobs.revive([{ name: JobName.RollupsSweep, data: {} }]);

      expect(calls.added).toEqual(['(no id)']);
      expect(calls.retried).toEqual([]);
    });

    it('keeps at most `concurrency` lookups in flight', async () => {
      const { jobs, calls } = fakeQueue({});

      await jobs.revive(
        Array.from({ length: 50 }, (_, i) => send(String(i))),
        4,
      );

      expect(calls.peak).toBe(4);
      expect(calls.added).toHaveLength(50);
    });

    it('tolerates a job another caller retried meanwhile, but not a retry that failed on a still-finished job', async () => {
      const states: Record<string, State> = { 'notification-x': 'failed' };
      const { jobs, queue } = fakeQueue(states);
      const refuse = (after: State) =>
        (queue.getJob = async (id: string) => ({
          finishedOn: 1,
          retry: async () => {
            states[id] = after;
            throw new Error('Job is not in the failed state');
          },
          getState: async () => states[id],
        }));

      refuse('waiting');
      await expect(jobs.revive([send('x')])).resolves.toBeUndefined();
      states['notification-x'] = 'failed';
      refuse('failed');
      await expect(jobs.revive([send('x')])).rejects.toThrow('not in the failed state');
    });
  });

  describe('addBulk', () => {
    /** One fake queue per queue name, recording each addBulk call and the peak of calls outstanding. */
    function fakeQueues() {
      const calls = { chunks: [] as Array<{ queue: string; ids: string[] }>, inFlight: 0, peak: 0 };
      const queueNamed = (queue: string) => ({
        addBulk: async (jobs: Array<{ opts: { jobId?: string } }>) => {
          calls.peak = Math.max(calls.peak, ++calls.inFlight);
          await new Promise((resolve) => setImmediate(resolve));
          calls.inFlight--;
          calls.chunks.push({ queue, ids: jobs.map((job) => job.opts.jobId ?? '(no id)') });
        },
      });
      const queues = new Map<string, ReturnType<typeof queueNamed>>();
      const moduleRef = { get: (token: string) => queues.get(token) ?? queues.set(token, queueNamed(token)).get(token) };
      return { jobs: new JobQueue(moduleRef as unknown as ModuleRef), calls };
    }

    it('adds every job once with its id, in chunks of one queue each, at most `inFlight` chunks at a time', async () => {
      const { jobs, calls } = fakeQueues();
      const sends = Array.from({ length: 23 }, (_, i) => send(String(i)));
      const report = { name: JobName.ReportsQuarterly, data: { brandId: 'b', quarter: '2026-Q3' } } as const;

      await jobs.addBulk([...sends.slice(0, 10), report, ...sends.slice(10)], 5, 2);

      const chunksOf = (queue: string) => calls.chunks.filter((chunk) => chunk.queue === getQueueToken(queue)).map((chunk) => chunk.ids);
      const ids = (from: number, to: number) => sends.slice(from, to).map((item) => jobIdOf(item));
      expect(chunksOf(QueueName.Notifications)).toEqual([ids(0, 5), ids(5, 10), ids(10, 15), ids(15, 20), ids(20, 23)]);
      expect(chunksOf(QueueName.Reports)).toEqual([['quarterly-report-b-2026-Q3']]);
      expect(calls.chunks).toHaveLength(6);
      expect(calls.peak).toBe(2);
    });
  });
});
