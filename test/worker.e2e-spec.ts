import { createServer } from 'node:net';
import { INestApplicationContext, Injectable, OnModuleInit } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import { ConfigModule } from '@app/config';
import { createTestDatabase, testEnv } from './support';
import { JobData, JobHandlerRegistry, JobName, JobQueue, JobWorkers, JobWorkersModule, OnJob, QueueModule, QueueName } from '@app/queue';
import { WorkerHealthServer } from '../apps/worker/src/health/worker-health.server';
import { createWorkerApp } from '../apps/worker/src/worker.setup';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function connectionsTo(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Stands in for a later issue's processor: slow enough to be caught mid-job by a shutdown. */
@Injectable()
class RollupProbe {
  readonly started: string[] = [];
  readonly finished: string[] = [];

  @OnJob(JobName.RollupsRelationship)
  async recompute({ relationshipId }: JobData<JobName.RollupsRelationship>): Promise<void> {
    this.started.push(relationshipId);
    await new Promise((resolve) => setTimeout(resolve, 400));
    this.finished.push(relationshipId);
  }
}

/** The worker refuses to start with a job name unhandled: every other job gets a no-op here. */
@Injectable()
class OtherJobsIgnored implements OnModuleInit {
  constructor(private readonly registry: JobHandlerRegistry) {}

  onModuleInit(): void {
    for (const name of Object.values(JobName).filter((n) => n !== JobName.RollupsRelationship))
      this.registry.register(name, async () => undefined, OtherJobsIgnored.name);
  }
}

describe('worker (e2e)', () => {
  let database: { url: string; drop: () => Promise<void> };
  beforeAll(async () => (database = await createTestDatabase()));
  afterAll(() => database.drop());

  it('boots the worker app, answers its health port, and closes every connection on shutdown', async () => {
    const port = await freePort();
    const app: INestApplicationContext = await createWorkerApp(testEnv(database.url, { WORKER_HEALTH_PORT: String(port) }), {
      abortOnError: false,
    });
    try {
      const { handled, missing } = app.get(JobHandlerRegistry).coverage();
      expect([...handled, ...missing].sort()).toEqual(Object.values(JobName).sort());
      await app.get(JobQueue).ping();

      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, queue: { status: 'up' } } });
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
      expect(app.get(WorkerHealthServer).port()).toBe(port);
      expect(await connectionsTo(database.url)).toBeGreaterThan(0);
    } finally {
      await app.close();
    }

    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    await until(async () => (await connectionsTo(database.url)) === 0);
  });

  it('answers 503 naming the queue when the queue backend is unreachable', async () => {
    // BullMQ prints each refused Redis connection of its queues to console.error: expected here.
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const port = await freePort();
    const app = await createWorkerApp(
      testEnv(database.url, { WORKER_HEALTH_PORT: String(port), REDIS_URL: `redis://127.0.0.1:${await freePort()}` }),
      { abortOnError: false },
    );
    try {
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({
        status: 'error',
        info: { database: { status: 'up' } },
        error: { queue: { status: 'down' } },
      });
    } finally {
      await app.close();
      quiet.mockRestore();
    }
  });

  describe.each(['redis', 'postgres'] as const)('job handlers on the %s backend', (backend) => {
    it('run an enqueued job through its @OnJob handler, and shutdown waits for the active job', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [ConfigModule.forRoot(testEnv(database.url, { QUEUE_BACKEND: backend })), QueueModule, JobWorkersModule],
        providers: [RollupProbe, OtherJobsIgnored],
      }).compile();
      const app = await moduleRef.init();
      const probe = app.get(RollupProbe);
      try {
        expect(app.get(JobWorkers).consumedQueues().sort()).toEqual(Object.values(QueueName).sort());
        const jobs = app.get(JobQueue);

        await jobs.add({ name: JobName.RollupsRelationship, data: { relationshipId: 'r-1' } });
        await until(() => probe.finished.includes('r-1'));

        await jobs.add({ name: JobName.RollupsRelationship, data: { relationshipId: 'r-2' } });
        await until(() => probe.started.includes('r-2'));
      } finally {
        await app.close();
      }
      // Closing let the job in progress finish instead of abandoning it.
      expect(probe.finished).toEqual(['r-1', 'r-2']);
    });
  });
});
