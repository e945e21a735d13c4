import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import { freshStats, STAT_COLUMNS } from '@app/rollups';
import {
  AppUnderTest,
  conversionBody,
  createTestDatabase,
  eventually,
  RedisServer,
  relationshipFixture,
  Session,
  signup,
  SmtpSink,
  startSmtpSink,
  stopAllProcesses,
  testEnv,
} from './support';

jest.setTimeout(120_000);

/** Rows of relationship_daily_stats that differ from a full recompute from the ledgers (missing, wrong or stale). */
const DRIFT = `
  WITH fresh AS (${freshStats('all')})
  SELECT count(*)::int AS n FROM fresh f FULL JOIN relationship_daily_stats s ON s.relationship_id = f.relationship_id AND s.day = f.day
  WHERE (${STAT_COLUMNS.map((c) => `f.${c}`).join(', ')}) IS DISTINCT FROM (${STAT_COLUMNS.map((c) => `s.${c}`).join(', ')})`;

/**
 * Redis goes away (SIGKILL) under a running api and worker, and comes back empty (no persistence): the
 * harder case, since queued jobs and job schedulers are gone with it. Writes must not notice; the work they
 * owe the worker is in PostgreSQL and must all be done, once, after Redis returns, with no process restarted.
 */
describe('fault: Redis down and back (e2e: built api and worker, private Redis, PostgreSQL, SMTP)', () => {
  let redis: RedisServer;
  let database: { url: string; drop: () => Promise<void> };
  let sql: Client;
  let sink: SmtpSink;
  let api: AppUnderTest;
  let worker: AppUnderTest;
  let owner: Session;
  const logs = () => [api?.tail(40), worker?.tail(40), redis?.tail()].join('\n');

  beforeAll(async () => {
    redis = await RedisServer.start();
    database = await createTestDatabase();
    sink = await startSmtpSink();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    const env = testEnv(database.url, {
      REDIS_URL: redis.url,
      SMTP_URL: sink.url,
      JOB_BACKOFF_MS: '100',
      ROLLUP_DEBOUNCE_MS: '0',
      MAIL_RATE_PER_SECOND: '1000',
      LOG_LEVEL: 'info',
    });
    [api, worker] = await Promise.all([AppUnderTest.start('api', env), AppUnderTest.start('worker', env)]);
    owner = await signup(api.http);
  });

  afterAll(async () => {
    await stopAllProcesses();
    await sql?.end();
    await sink?.close();
    await database?.drop();
  });

  it('keeps writes working while Redis is down, reports degraded, and does every owed rollup and email once when it is back', async () => {
    const { http } = api;
    // Before the outage: a relationship with sales, and a draft contract whose renewal reminder is due as soon as it is active.
    const sales = await relationshipFixture(http, owner, { timezone: 'UTC' });
    const renewing = await relationshipFixture(http, owner, { timezone: 'UTC' });
    const sold = (
      await http
        .post('/v1/conversions')
        .set(owner.auth)
        .send(conversionBody({ relationshipId: sales.id }))
        .expect(201)
    ).body;
    const today = DateTime.utc().startOf('day');
    const contract = (
      await http
        .post('/v1/contracts')
        .set(owner.auth)
        .send({
          relationshipId: renewing.id,
          startDate: today.minus({ days: 60 }).toISODate(),
          endDate: today.plus({ days: 30 }).toISODate(),
          // 31 days before the end is yesterday: due whatever the hour.
          reminderDaysBefore: [31],
          feePerDeliverable: '150.00',
          deliverablePlan: [{ type: 'reel', platform: 'instagram', quantity: 1, per: 'term' }],
        })
        .expect(201)
    ).body;
    await eventually(
      'worker ready and rollups settled before the outage',
      async () => (await worker.health())?.status === 200 && (await sql.query(DRIFT)).rows[0].n === 0,
      { logs },
    );

    await redis.stop();
    const timings: Record<string, number> = {};
    const refused: string[] = [];
    const timed = async <T extends { status: number; body: unknown }>(name: string, call: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      const response = await call();
      timings[name] = Math.round(performance.now() - started);
      if (response.status !== 200 && response.status !== 201) refused.push(`${name}: ${response.status} ${JSON.stringify(response.body)}`);
      return response;
    };
    await timed('create contract', () =>
      http
        .post('/v1/contracts')
        .set(owner.auth)
        .send({ relationshipId: sales.id, startDate: '2026-01-01', endDate: '2026-06-30', deliverablePlan: [] }),
    );
    await timed('activate contract', () => http.post(`/v1/contracts/${contract.id}/activate`).set(owner.auth).send({}));
    const [deliverable] = (await http.get(`/v1/deliverables?contractId=${contract.id}`).set(owner.auth).expect(200)).body.data;
    await timed('submit deliverable', () =>
      http.post(`/v1/deliverables/${deliverable.id}/submit`).set(owner.auth).send({ contentUrl: 'https://drive.example.com/draft-1' }),
    );
    await timed('approve deliverable', () => http.post(`/v1/deliverables/${deliverable.id}/approve`).set(owner.auth).send({}));
    await timed('publish deliverable', () =>
      http.post(`/v1/deliverables/${deliverable.id}/publish`).set(owner.auth).send({ postUrl: 'https://www.instagram.com/p/C0ffee/' }),
    );
    const batch = Array.from({ length: 50 }, (_, i) =>
      conversionBody({ relationshipId: i % 2 ? sales.id : renewing.id, externalId: `outage-${i}-${randomBytes(3).toString('hex')}` }),
    );
    expect(
      (await timed('conversion batch of 50', () => http.post('/v1/conversions/batch').set(owner.auth).send({ conversions: batch }))).body
        .accepted,
    ).toBe(50);
    await timed('reverse conversion', () =>
      http.post(`/v1/conversions/${sold.id}/reverse`).set(owner.auth).send({ amount: '10.00', reason: 'Returned' }),
    );
    expect(refused).toEqual([]);
    // "Did not hang", not a performance bound: without Redis a write must not wait for it.
    expect(Math.max(...Object.values(timings))).toBeLessThan(5_000);

    const marked = (await sql.query(`SELECT DISTINCT relationship_id FROM rollup_dirty_days`)).rows.map((r) => r.relationship_id).sort();
    expect(marked).toEqual([sales.id, renewing.id].sort());
    const degraded = await api.health();
    expect(degraded).toMatchObject({
      status: 200,
      body: { status: 'degraded', info: { database: { status: 'up' } }, error: { queue: { status: 'down' } } },
    });
    expect((await worker.health())?.status).toBe(503);

    const down = performance.now();
    await redis.start();
    const since = () => Math.round(performance.now() - down);
    const figures: Record<string, number> = {};
    await eventually('api /health ok again', async () => (await api.health())?.body.status === 'ok', { logs });
    figures.apiHealthy = since();
    await eventually('worker /health ok again', async () => (await worker.health())?.status === 200, { logs });
    figures.workerHealthy = since();
    await eventually(
      'owed rollups done',
      async () => (await sql.query('SELECT 1 FROM rollup_dirty_days LIMIT 1')).rowCount === 0 && (await sql.query(DRIFT)).rows[0].n === 0,
      { timeoutMs: 40_000, logs },
    );
    figures.rollupsDone = since();
    const reminder = async () =>
      (await sql.query(`SELECT id, status FROM notifications WHERE subject_id = $1 AND kind = 'renewal_upcoming'`, [contract.id])).rows;
    await eventually(
      'owed renewal reminder sent',
      async () => (await reminder()).some((r) => r.status === 'sent') && sink.messages.length > 0,
      { timeoutMs: 40_000, logs },
    );
    figures.reminderSent = since();
    // Room for a duplicate to arrive, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    const [row] = await reminder();
    expect(await reminder()).toHaveLength(1);
    expect(sink.messages.filter((m) => m.headers['message-id']?.includes(row.id))).toHaveLength(1);
    const ids = sink.messages.map((m) => m.headers['message-id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await sql.query(DRIFT)).rows[0].n).toBe(0);
    expect([api.process.running, worker.process.running]).toEqual([true, true]);
    console.log(
      `faults-redis: write latencies with Redis down (ms) ${JSON.stringify(timings)}; after Redis returned (ms) ${JSON.stringify(figures)}`,
    );
  });
});
