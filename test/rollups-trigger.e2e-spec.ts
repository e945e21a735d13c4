import { randomUUID } from 'node:crypto';
import { Job, Queue, Worker } from 'bullmq';
import { JobQueue, QueueName } from '@app/queue';
import { MAX_JOBS_PER_COMMIT, RollupTrigger } from '@app/rollups';
import { createTestApp, TestApp, waitFor } from './support';

jest.setTimeout(30_000);

const DEBOUNCE_MS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * RollupTrigger against real Redis, with the API alone (no worker consumes the rollups queue, as in an
 * outage): triggers spread over many debounce windows leave one pending job per relationship, not one per
 * window; and a trigger while that job runs gets exactly one follow-up run.
 */
describe('rollups: the trigger keeps one pending job per relationship (e2e: Redis)', () => {
  let t: TestApp;
  let trigger: RollupTrigger;
  let queue: Queue;

  beforeAll(async () => {
    t = await createTestApp({ ROLLUP_DEBOUNCE_MS: String(DEBOUNCE_MS) });
    trigger = t.app.get(RollupTrigger);
    queue = t.app.get(JobQueue).queue(QueueName.Rollups);
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    await queue.obliterate({ force: true });
  });

  /** Jobs not yet run, by name; each trigger is enqueued without being awaited, so wait until `expected` have landed. */
  async function pending(expected: number): Promise<Record<string, number>> {
    let jobs: Job[] = [];
    await waitFor(async () => (jobs = await queue.getJobs(['delayed', 'waiting', 'prioritized'])).length >= expected);
    await sleep(100);
    jobs = await queue.getJobs(['delayed', 'waiting', 'prioritized']);
    return jobs.reduce<Record<string, number>>((counts, job) => ({ ...counts, [job.name]: (counts[job.name] ?? 0) + 1 }), {});
  }

  it('leaves one job per relationship and one sweep, however many debounce windows the triggers span', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const many = Array.from({ length: MAX_JOBS_PER_COMMIT + 1 }, () => randomUUID());
    for (let window = 0; window < 4; window++) {
      trigger.touch([a, b]);
      trigger.touch(many);
      await sleep(DEBOUNCE_MS * 3);
    }

    expect(await pending(3)).toEqual({ 'rollups.relationship': 2, 'rollups.sweep': 1 });
  });

  it('runs a relationship once more when it is touched while its job runs, and only once', async () => {
    const id = randomUUID();
    const runs: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { connection, prefix } = queue.opts;
    const worker = new Worker(
      QueueName.Rollups,
      async (job: Job) => {
        runs.push(job.data.relationshipId);
        if (runs.length === 1) await held;
      },
      { connection, prefix },
    );
    try {
      trigger.touch([id]);
      await waitFor(() => runs.length === 1);
      for (let i = 0; i < 3; i++) trigger.touch([id]);
      await sleep(DEBOUNCE_MS * 3);
      release();

      await waitFor(() => runs.length === 2);
      await sleep(DEBOUNCE_MS * 4);
      expect(runs).toEqual([id, id]);
    } finally {
      await worker.close();
    }
  });
});
