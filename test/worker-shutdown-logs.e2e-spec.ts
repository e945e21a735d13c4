import { Logger } from '@nestjs/common';
import { JobName, JobQueue, QueueName, queueOfJob } from '@app/queue';
import { createTestApp, createTestWorker, TestApp } from './support';
import { JOB_SCHEDULES, JobSchedules } from '../apps/worker/src/job-schedules';

/**
 * A normal close must not look like a fault: the schedulers' set-up and reconnect watcher ran into the
 * queues' closing connections ("job schedulers not set up: Connection is closed") on every worker stop.
 */
describe('worker shutdown logs no errors (e2e: Redis, PostgreSQL)', () => {
  let t: TestApp;
  let error: jest.SpyInstance;
  let warn: jest.SpyInstance;
  const complaints = () =>
    [...error.mock.calls, ...warn.mock.calls]
      .map(([message]) => String(message))
      .filter((message) => /job schedulers|Connection is closed/.test(message));

  beforeAll(async () => (t = await createTestApp()));
  beforeEach(() => {
    error = jest.spyOn(Logger.prototype, 'error');
    warn = jest.spyOn(Logger.prototype, 'warn');
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t?.close());

  it('closes right after start, while the schedulers are still being set up, without an error', async () => {
    for (let i = 0; i < 3; i++) {
      const worker = await createTestWorker(t.env);
      await worker.close();
      // The cut-short set-up settles after the close.
      await worker.get(JobSchedules).ready;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(complaints()).toEqual([]);
  });

  it('sets the schedulers up, then stops watching the queues on close', async () => {
    const worker = await createTestWorker(t.env);
    const schedules = worker.get(JobSchedules);
    const backend = worker.get(JobQueue).queue(QueueName.Scheduled).getBackend() as unknown as { listenerCount: (event: string) => number };
    let watchers: number;
    try {
      await schedules.ready;
      const queues = [...new Set(Object.keys(JOB_SCHEDULES).map((name) => queueOfJob[name as JobName]))].map((name) =>
        worker.get(JobQueue).queue(name),
      );
      expect(
        (await Promise.all(queues.map((queue) => queue.getJobSchedulers())))
          .flat()
          .map((s) => s.key)
          .sort(),
      ).toEqual(Object.keys(JOB_SCHEDULES).sort());
      watchers = backend.listenerCount('ready');
    } finally {
      await worker.close();
    }
    // Its timer or a late reconnect event would land here: it must not touch the closed queues.
    await schedules.restoreIfLost();

    expect(backend.listenerCount('ready')).toBe(watchers - 1);
    expect(complaints()).toEqual([]);
  });
});
