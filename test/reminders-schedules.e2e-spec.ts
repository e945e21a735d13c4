import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { loadConfig, runtimeFile } from '@app/config';
import { JobName, JobQueue, QueueName, queueConnection } from '@app/queue';
import { createTestDatabase, createTestWorker, testEnv, waitFor } from './support';
import { runCli } from '../apps/worker/src/cli';
import { JobSchedules } from '../apps/worker/src/job-schedules';

describe('job schedulers and `cli run-job` (e2e: real Redis)', () => {
  let database: { url: string; drop: () => Promise<void> };
  beforeAll(async () => (database = await createTestDatabase()));
  afterAll(() => database.drop());

  it('upserts one hourly scheduler per scan at worker start (twice: still one each) and runs each scan once at start', async () => {
    const env = testEnv(database.url);
    const first = await createTestWorker(env);
    await first.get(JobSchedules).ready;
    await first.close();
    const worker = await createTestWorker(env);
    try {
      await worker.get(JobSchedules).ready;
      const queue = worker.get(JobQueue).queue(QueueName.Scheduled);
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.pattern]).sort()).toEqual([
        [JobName.ContractsRollover, '0 * * * *'],
        [JobName.CostsAccrue, '10 * * * *'],
        [JobName.DeliverablesScan, '0 * * * *'],
        [JobName.EventsRetention, '40 3 * * *'],
        [JobName.LedgerPartitions, '20 0 * * *'],
        [JobName.RenewalsScan, '0 * * * *'],
        [JobName.ReportsScan, '0 * * * *'],
        [JobName.RollupsReconcile, '30 2 * * *'],
      ]);
      // The sweep runs beside the rollup jobs, not behind the scans.
      expect((await worker.get(JobQueue).queue(QueueName.Rollups).getJobSchedulers()).map((s) => [s.key, s.pattern])).toEqual([
        [JobName.RollupsSweep, '* * * * *'],
      ]);
      // The outbox's backstop, every 5 seconds, on the dispatcher's own queue.
      expect((await worker.get(JobQueue).queue(QueueName.Events).getJobSchedulers()).map((s) => [s.key, s.pattern])).toEqual([
        [JobName.EventsDispatch, '*/5 * * * * *'],
      ]);
      await waitFor(async () => (await queue.getCompleted()).filter((job) => !job.repeatJobKey).length >= 5);
    } finally {
      await worker.close();
    }
  });

  it('enqueues one run of a named job now, and refuses an unknown name', async () => {
    const env = testEnv(database.url);
    const out: string[] = [];
    expect(await runCli(['run-job', 'renewals.nope'], env, (line) => out.push(line))).toBe(2);
    expect(out.join('\n')).toMatch(/unknown job "renewals.nope"[\s\S]*renewals.scan/);

    expect(await runCli(['run-job', JobName.DeliverablesScan], env, (line) => out.push(line))).toBe(0);
    // No worker runs on this prefix: the job waits where a worker would take it.
    const queue = new Queue(QueueName.Scheduled, queueConnection(loadConfig(env)));
    try {
      expect((await queue.getWaiting()).map((job) => job.name)).toEqual([JobName.DeliverablesScan]);
    } finally {
      await queue.close();
    }
  });

  it('enqueues into the stack `npm start` runs when the command names no queue settings of its own', async () => {
    const env = testEnv(database.url);
    const dataDir = mkdtempSync(join(tmpdir(), 'acrm-stack-'));
    writeFileSync(
      runtimeFile(dataDir),
      JSON.stringify({ pid: process.pid, databaseUrl: database.url, queueBackend: 'redis', redisUrl: env.REDIS_URL, dataDir }),
    );
    // The command's own environment names no database, Redis or queue backend: the stack's are used.
    const { DATABASE_URL: _database, REDIS_URL: _redis, ...bare } = env;
    const out: string[] = [];
    const queue = new Queue(QueueName.Scheduled, queueConnection(loadConfig(env)));
    try {
      expect(await runCli(['run-job', JobName.CostsAccrue], { ...bare, DATA_DIR: dataDir }, (line) => out.push(line))).toBe(0);

      expect(out).toEqual([expect.stringMatching(/^enqueued costs\.accrue \(job \d+\) for the stack npm start runs \(redis queues\)$/)]);
      expect((await queue.getWaiting()).map((job) => job.name)).toContain(JobName.CostsAccrue);
    } finally {
      await queue.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
