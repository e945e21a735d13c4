import { ModuleRef } from '@nestjs/core';
import { JobQueue } from './job-queue.service';
import { JobItem, JobName } from './jobs';

type State = 'waiting' | 'delayed' | 'active' | 'failed' | 'completed' | 'unknown';

/** One fake queue holding jobs by id in a given state; records adds and retries and the peak of concurrent lookups. */
function fakeQueue(states: Record<string, State>) {
  const calls = { added: [] as string[], retried: [] as Array<{ id: string; state: string; opts: unknown }>, inFlight: 0, peak: 0 };
  const queue = {
    getJobState: async (id: string) => {
      calls.peak = Math.max(calls.peak, ++calls.inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      calls.inFlight--;
      return states[id] ?? 'unknown';
    },
    getJob: async (id: string) => ({
      retry: async (state: string, opts: unknown) => void calls.retried.push({ id, state, opts }),
      getState: async () => states[id],
    }),
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
      const { jobs, calls } = fakeQueue({ 'notification-f': 'failed', 'notification-c': 'completed', 'notification-w': 'waiting', 'notification-d': 'delayed', 'notification-a': 'active' });

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

      await jobs.revive(Array.from({ length: 50 }, (_, i) => send(String(i))), 4);

      expect(calls.peak).toBe(4);
      expect(calls.added).toHaveLength(50);
    });

    it('tolerates a job another caller retried meanwhile, but not a retry that failed on a still-finished job', async () => {
      const states: Record<string, State> = { 'notification-x': 'failed' };
      const { jobs, queue } = fakeQueue(states);
      const refuse = (after: State) => (queue.getJob = async (id: string) => ({
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
});
