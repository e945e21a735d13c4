import { randomBytes } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { ApiModule } from '../../apps/api/src/api.module';
import { apiAppOptions, configureApp } from '../../apps/api/src/core/app.setup';
import { Session, signup } from './factories';
import { createTestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  env: Record<string, string>;
  databaseUrl: string;
  close: () => Promise<void>;
}

/** Environment of one test file: its own database and its own queue prefix on the shared Redis. */
export function testEnv(databaseUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `{acrm-test-${randomBytes(4).toString('hex')}}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    BCRYPT_ROUNDS: '4',
    MAIL_OUTBOX_DIR: `.data/test-outbox-${randomBytes(4).toString('hex')}`,
    // Every request of a test file comes from one IP and a few tokens: budgets out of the way, except
    // in test/rate-limits.e2e-spec.ts and test/reports-email.e2e-spec.ts, which set their own.
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_PER_WORKSPACE_PER_MINUTE: '1000000',
    SIGNUP_PER_IP_PER_HOUR: '100000',
    LOGIN_MAX_FAILURES_PER_IP: '100000',
    REPORT_SENDS_PER_WORKSPACE_PER_HOUR: '100000',
    REPORT_SENDS_PER_BRAND_QUARTER_PER_DAY: '100000',
    ...readReplicaEnv(databaseUrl),
    ...overrides,
  };
}

/**
 * With TEST_DATABASE_READ_SERVER_URL (`npm run test:read-replica`: a synchronous replica of the test server),
 * the apps read what tolerates lag from the replica, with no read-after-write window, so the replica
 * really serves those reads; remote_apply makes each commit visible there before it returns.
 */
function readReplicaEnv(databaseUrl: string): Record<string, string> {
  const server = process.env.TEST_DATABASE_READ_SERVER_URL;
  if (!server) return {};
  return { DATABASE_READ_URL: `${server.replace(/\/$/, '')}/${new URL(databaseUrl).pathname.slice(1)}`, DB_READ_AFTER_WRITE_MS: '0' };
}

/**
 * The real API (same module and setup as main.ts) on a fresh database; supertest talks HTTP to it.
 * `customize` may override providers, e.g. Clock with a FixedClock.
 */
export async function createTestApp(
  overrides: Record<string, string> = {},
  customize: (builder: TestingModuleBuilder) => TestingModuleBuilder = (b) => b,
  database: { url: string; drop: () => Promise<void> } | undefined = undefined,
): Promise<TestApp> {
  database ??= await createTestDatabase();
  const env = testEnv(database.url, overrides);
  const moduleRef = await customize(Test.createTestingModule({ imports: [ApiModule.forRoot(env)] })).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>(apiAppOptions);
  configureApp(app);
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    env,
    databaseUrl: database.url,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export interface TestContext {
  t: TestApp;
  owner: Session;
}

/** The usual e2e set-up: a fresh API on its own database and a signed-up owner, closed after the file. */
export function useTestApp(
  overrides: Record<string, string> = {},
  customize?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
): TestContext {
  const ctx = {} as TestContext;
  beforeAll(async () => {
    ctx.t = await createTestApp(overrides, customize);
    ctx.owner = await signup(ctx.t.http);
  });
  afterAll(() => ctx.t?.close());
  return ctx;
}
