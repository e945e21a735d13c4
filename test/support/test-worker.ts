import { INestApplicationContext } from '@nestjs/common';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { Clock, FixedClock } from '@app/common';
import { JobHandlerRegistry, JobName } from '@app/queue';
import { JobSchedules } from '../../apps/worker/src/job-schedules';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { signup } from './factories';
import { SmtpSink, startSmtpSink } from './smtp-sink';
import { createTestApp, TestContext } from './test-app';

/** The worker module as main.ts builds it, through a testing module so `customize` can override providers. */
export async function createTestWorker(
  env: Record<string, string>,
  customize: (builder: TestingModuleBuilder) => TestingModuleBuilder = (b) => b,
): Promise<INestApplicationContext> {
  const moduleRef = await customize(Test.createTestingModule({ imports: [WorkerModule.forRoot(env)] })).compile();
  moduleRef.useLogger(moduleRef.get(Logger));
  return moduleRef.init();
}

/** Polls until `check` holds; fails after `timeoutMs` instead of hanging the test. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface WorkerTestContext extends TestContext {
  worker: INestApplicationContext;
  /** Shared by the API and the worker: tests set "now" on it. */
  clock: FixedClock;
  /** Runs one job's handler now, in the test, as the worker would. */
  run: (name: JobName) => Promise<unknown>;
  db: () => DataSource;
}

/**
 * An API and a worker on one fresh database, both on one FixedClock, the worker's start-up schedules off
 * (tests run the jobs themselves, so nothing runs behind their back); `overrides` set environment variables of both.
 */
export function useTestWorker(start: string, overrides: Record<string, string> = {}): WorkerTestContext {
  const ctx = {} as WorkerTestContext;
  beforeAll(async () => {
    ctx.clock = new FixedClock(new Date(start));
    ctx.t = await createTestApp(overrides, (b) => b.overrideProvider(Clock).useValue(ctx.clock));
    ctx.owner = await signup(ctx.t.http);
    ctx.worker = await createTestWorker(ctx.t.env, (b) =>
      b.overrideProvider(Clock).useValue(ctx.clock).overrideProvider(JobSchedules).useValue({}),
    );
  });
  afterAll(async () => {
    await ctx.worker?.close();
    await ctx.t?.close();
  });
  ctx.run = (name) => ctx.worker.get(JobHandlerRegistry).get(name)!({} as never, {} as never);
  ctx.db = () => ctx.t.app.get(DataSource);
  return ctx;
}

/** useTestWorker whose worker sends its email to an in-process SMTP sink (`ctx.sink`), started before the worker reads its URL. */
export function useMailingTestWorker(start: string): WorkerTestContext & { sink: SmtpSink } {
  const env: Record<string, string> = {};
  let sink: SmtpSink | undefined;
  beforeAll(async () => {
    sink = await startSmtpSink();
    env.SMTP_URL = sink.url;
  });
  const ctx = useTestWorker(start, env) as WorkerTestContext & { sink: SmtpSink };
  beforeAll(() => void (ctx.sink = sink!));
  afterAll(() => sink?.close());
  return ctx;
}
