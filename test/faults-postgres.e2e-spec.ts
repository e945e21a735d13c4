import { Queue } from 'bullmq';
import { Client } from 'pg';
import { migrate } from '@app/database';
import { JobName, QueueName, redisOptionsFromUrl } from '@app/queue';
import {
  AppUnderTest,
  conversionBody,
  eventually,
  notificationFixture,
  PostgresServer,
  relationshipFixture,
  Session,
  signup,
  SmtpSink,
  startSmtpSink,
  stopAllProcesses,
  testEnv,
} from './support';

jest.setTimeout(120_000);

/**
 * PostgreSQL restarts (fast shutdown: sessions terminated) under a running api and worker, on a private
 * server so the shared one is never touched. Requests during the outage answer 503 problem+json at once;
 * both processes serve again without a restart, and jobs that ran into the outage are retried to completion.
 */
describe('fault: PostgreSQL restart (e2e: built api and worker, private PostgreSQL, Redis, SMTP)', () => {
  let pg: PostgresServer;
  let sink: SmtpSink;
  let api: AppUnderTest;
  let worker: AppUnderTest;
  let owner: Session;
  let env: Record<string, string>;
  let sends: Queue;
  const logs = () => [api?.tail(40), worker?.tail(40), pg?.tail()].join('\n');
  const query = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: pg.url('acrm') });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    pg = await PostgresServer.start();
    await migrate(pg.url('acrm'));
    // A 2 s debounce: the rollup job of a write made just before the stop comes due during the outage.
    env = testEnv(pg.url('acrm'), {
      SMTP_URL: sink.url,
      JOB_BACKOFF_MS: '500',
      ROLLUP_DEBOUNCE_MS: '2000',
      MAIL_RATE_PER_SECOND: '1000',
      LOG_LEVEL: 'info',
    });
    [api, worker] = await Promise.all([AppUnderTest.start('api', env), AppUnderTest.start('worker', env)]);
    owner = await signup(api.http);
    sends = new Queue(QueueName.Notifications, { connection: redisOptionsFromUrl(env.REDIS_URL), prefix: env.QUEUE_PREFIX });
  });

  afterAll(async () => {
    await sends?.close();
    await stopAllProcesses();
    await pg?.close();
    await sink?.close();
  });

  it('answers 503 problem+json during the outage, recovers without restarts, and retries the jobs that met it', async () => {
    const relationship = await relationshipFixture(api.http, owner, { timezone: 'UTC' });
    const notificationId = await notificationFixture(api.http, owner, pg.url('acrm'));
    await eventually('worker ready', async () => (await worker.health())?.status === 200, { logs });
    const pids = [api.process.pid, worker.process.pid];

    // Its rollup job is due 2 s later, in the middle of the outage.
    await api.http
      .post('/v1/conversions')
      .set(owner.auth)
      .send(conversionBody({ relationshipId: relationship.id }))
      .expect(201);
    await pg.stop();
    // A send that starts while PostgreSQL is down: the claim fails, BullMQ retries it.
    await sends.add(
      JobName.NotificationsSend,
      { notificationId },
      { jobId: `notification-${notificationId}`, attempts: 8, backoff: { type: 'exponential', delay: 500 } },
    );

    const answers: Record<string, { status: number; type: string; retryAfter: string; ms: number }> = {};
    for (const [name, call] of [
      ['GET /v1/me', () => api.http.get('/v1/me').set(owner.auth)],
      ['GET /v1/conversions', () => api.http.get('/v1/conversions').set(owner.auth)],
      [
        'POST /v1/brands',
        () => api.http.post('/v1/brands').set(owner.auth).send({ name: 'During the outage', currency: 'EUR', timezone: 'UTC' }),
      ],
      ['POST /v1/auth/login', () => api.http.post('/v1/auth/login').send({ email: owner.email, password: 'correct horse battery' })],
    ] as const) {
      const started = performance.now();
      const response = await call();
      answers[name] = {
        status: response.status,
        type: String(response.headers['content-type']).split(';')[0],
        retryAfter: response.headers['retry-after'],
        ms: Math.round(performance.now() - started),
      };
    }
    for (const [name, answer] of Object.entries(answers)) {
      expect({ name, status: answer.status, type: answer.type, retryAfter: answer.retryAfter }).toEqual({
        name,
        status: 503,
        type: 'application/problem+json',
        retryAfter: '5',
      });
    }
    // "Did not hang", not a performance bound.
    expect(Math.max(...Object.values(answers).map((a) => a.ms))).toBeLessThan(5_000);
    const health = await api.health();
    expect(health).toMatchObject({ status: 503, body: { status: 503, code: 'UNHEALTHY', error: { database: { status: 'down' } } } });
    // One warning per refused request, naming the cause; no error with a stack trace.
    const refusals = () => api.process.grep(/"level":40\b.*503 DATABASE_UNAVAILABLE: /);
    await eventually('the refusals logged', () => refusals().length === Object.keys(answers).length, { logs });
    expect(api.process.grep(/"level":50\b.*"context":"ProblemFilter"/)).toEqual([]);
    expect((await worker.health())?.status).toBe(503);
    await eventually(
      'the send met the outage and was retried',
      () => worker.process.grep(new RegExp(`notification-${notificationId} failed \\(attempt`)).length > 0,
      { logs },
    );
    await eventually(
      'the rollup job met the outage',
      () => worker.process.grep(/job rollups\.relationship \S+ failed \(attempt/).length > 0,
      { logs },
    );

    const down = performance.now();
    await pg.start();
    const since = () => Math.round(performance.now() - down);
    const figures: Record<string, number> = {};
    await eventually('api serving again', async () => (await api.http.get('/v1/me').set(owner.auth)).status === 200, { logs });
    figures.apiServing = since();
    await eventually('api /health ok', async () => (await api.health())?.body.status === 'ok', { logs });
    await eventually('worker /health ok', async () => (await worker.health())?.status === 200, { logs });
    figures.workerHealthy = since();
    await eventually(
      'the retried send sent',
      async () => (await query(`SELECT status FROM notifications WHERE id = $1`, [notificationId]))[0]?.status === 'sent',
      { timeoutMs: 40_000, logs },
    );
    figures.sendDone = since();
    await eventually('the retried rollup done', async () => (await query('SELECT 1 FROM rollup_dirty_days')).length === 0, {
      timeoutMs: 40_000,
      logs,
    });
    figures.rollupDone = since();

    expect(await query(`SELECT conversions FROM relationship_daily_stats WHERE relationship_id = $1`, [relationship.id])).toEqual([
      { conversions: 1 },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(sink.messages.filter((m) => m.headers['message-id']?.includes(notificationId))).toHaveLength(1);
    expect((await sends.getJob(`notification-${notificationId}`))?.attemptsMade).toBeGreaterThan(1);
    await api.http.post('/v1/brands').set(owner.auth).send({ name: 'After the outage', currency: 'EUR', timezone: 'UTC' }).expect(201);
    expect([api.process.pid, worker.process.pid, api.process.running, worker.process.running]).toEqual([...pids, true, true]);
    console.log(
      `faults-postgres: answers with PostgreSQL down ${JSON.stringify(answers)}; after it returned (ms) ${JSON.stringify(figures)}`,
    );
  });
});
