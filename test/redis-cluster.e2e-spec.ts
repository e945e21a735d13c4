import { Job, Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import { loadConfig } from '@app/config';
import { JobName, QueueName, queueConnection } from '@app/queue';
import { freshStats, STAT_COLUMNS } from '@app/rollups';
import {
  AppUnderTest,
  conversionBody,
  createTestDatabase,
  eventually,
  RedisCluster,
  relationshipFixture,
  Session,
  signup,
  SmtpSink,
  startSmtpSink,
  stopAllProcesses,
  testEnv,
} from './support';

jest.setTimeout(120_000);

/** Rows of relationship_daily_stats that differ from a full recompute from the ledgers. */
const DRIFT = `
  WITH fresh AS (${freshStats('all')})
  SELECT count(*)::int AS n FROM fresh f FULL JOIN relationship_daily_stats s ON s.relationship_id = f.relationship_id AND s.day = f.day
  WHERE (${STAT_COLUMNS.map((c) => `f.${c}`).join(', ')}) IS DISTINCT FROM (${STAT_COLUMNS.map((c) => `s.${c}`).join(', ')})`;

const QUEUES = [QueueName.Scheduled, QueueName.Notifications, QueueName.Rollups];

/**
 * The built api and two built workers on a real Redis Cluster (3 masters, a replica each) given as
 * `REDIS_URL=redis+cluster://...`: reminders go out once each, rollups and job schedulers work, rate-limit
 * counters live in the cluster, and the failover of the master holding the queues loses no job.
 */
describe('Redis Cluster (e2e: built api and workers, 3-master cluster, PostgreSQL, SMTP)', () => {
  let cluster: RedisCluster;
  let database: { url: string; drop: () => Promise<void> };
  let sql: Client;
  let sink: SmtpSink;
  let env: Record<string, string>;
  let api: AppUnderTest;
  const workers: AppUnderTest[] = [];
  let queues: Queue[] = [];
  let owner: Session;
  const logs = () => [api?.tail(30), ...workers.map((w) => w.tail(30))].join('\n');

  beforeAll(async () => {
    [cluster, database, sink] = await Promise.all([RedisCluster.start(3), createTestDatabase(), startSmtpSink()]);
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    env = testEnv(database.url, {
      REDIS_URL: cluster.url,
      SMTP_URL: sink.url,
      JOB_BACKOFF_MS: '100',
      ROLLUP_DEBOUNCE_MS: '0',
      MAIL_RATE_PER_SECOND: '1000',
      LOG_LEVEL: 'warn',
    });
    api = await AppUnderTest.start('api', env);
    owner = await signup(api.http);
    // The test's own clients, through the same connection code as the apps.
    queues = QUEUES.map((name) => new Queue(name, queueConnection(loadConfig(env))));
  });

  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await stopAllProcesses();
    await sql?.end();
    await sink?.close();
    await database?.drop();
    await cluster?.close();
  });

  /** Relationships in UTC, each with sales and an active contract whose renewal reminder is already due. */
  async function dueContracts(count: number): Promise<void> {
    const today = DateTime.utc().startOf('day');
    for (let i = 0; i < count; i++) {
      const relationship = await relationshipFixture(api.http, owner, { timezone: 'UTC' });
      const contract = await api.http
        .post('/v1/contracts')
        .set(owner.auth)
        .send({
          relationshipId: relationship.id,
          startDate: today.minus({ days: 60 }).toISODate(),
          endDate: today.plus({ days: 30 }).toISODate(),
          // 31 days before the end is yesterday: due whatever the hour.
          reminderDaysBefore: [31],
          deliverablePlan: [],
        })
        .expect(201);
      await api.http.post(`/v1/contracts/${contract.body.id}/activate`).set(owner.auth).send({}).expect(200);
      const sales = Array.from({ length: 5 }, () => conversionBody({ relationshipId: relationship.id }));
      await api.http.post('/v1/conversions/batch').set(owner.auth).send({ conversions: sales }).expect(200);
    }
  }

  async function reminders(): Promise<{ id: string; status: string }[]> {
    return (await sql.query(`SELECT id, status FROM notifications WHERE kind = 'renewal_upcoming'`)).rows;
  }

  /** Every due reminder sent, each email once; rollups agree with the ledgers. */
  async function settled(expectedReminders: number): Promise<void> {
    await eventually(
      `${expectedReminders} reminders sent and rollups settled`,
      async () => {
        const rows = await reminders();
        const drift = (await sql.query(DRIFT)).rows[0].n;
        const dirty = (await sql.query('SELECT 1 FROM rollup_dirty_days LIMIT 1')).rowCount;
        return rows.length === expectedReminders && rows.every((r) => r.status === 'sent') && drift === 0 && dirty === 0;
      },
      { timeoutMs: 40_000, intervalMs: 200, logs },
    );
    // Room for a duplicate to arrive, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const ids = sink.messages.map((m) => m.headers['message-id']);
    expect(ids).toHaveLength(expectedReminders);
    expect(new Set(ids).size).toBe(ids.length);
  }

  it('sends reminders once, runs rollups and schedulers, keeps rate limits in the cluster, and loses no job in a failover', async () => {
    await dueContracts(3);
    // Contracts first: each worker scans at start, both at once.
    workers.push(...(await Promise.all([AppUnderTest.start('worker', env, 'worker-1'), AppUnderTest.start('worker', env, 'worker-2')])));
    await settled(3);
    const schedulers = await queues[0].getJobSchedulers();
    expect(schedulers.map((s) => s.name)).toEqual(expect.arrayContaining([JobName.RenewalsScan, JobName.RollupsReconcile]));
    // The queues live on the cluster, all keys of the prefix in one slot; counters have no hash tag: they live on the cluster, spread over the masters.
    const prefix = env.QUEUE_PREFIX.slice(1, -1);
    expect((await cluster.keys(`${prefix}:rl:*`)).length).toBeGreaterThan(0);
    const queueKeys = await cluster.keys(`${env.QUEUE_PREFIX}:*`);
    expect(queueKeys).toEqual(expect.arrayContaining([`${env.QUEUE_PREFIX}:${QueueName.Scheduled}:meta`]));
    expect(new Set(await Promise.all(queueKeys.slice(0, 20).map((k) => cluster.slotOf(k)))).size).toBe(1);

    // Work waits in the queues (paused: the workers stay connected but take nothing) while the master
    // holding the queues' slot hands over to its replica.
    await Promise.all(queues.map((q) => q.pause()));
    await dueContracts(3);
    await queues[0].add(JobName.RenewalsScan, {});
    const waiting = async (): Promise<Job[]> =>
      (await Promise.all(queues.map((q) => q.getJobs(['waiting', 'delayed', 'prioritized'])))).flat();
    const before = await waiting();
    expect(before.map((j) => j.name)).toEqual(expect.arrayContaining([JobName.RenewalsScan, JobName.RollupsRelationship]));

    const { from, to } = await cluster.failover(env.QUEUE_PREFIX);
    expect((await cluster.nodesOf(env.QUEUE_PREFIX)).master).toBe(to);
    expect(from).not.toBe(to);

    const after = await waiting();
    expect(after.map((j) => j.id).sort()).toEqual(before.map((j) => j.id).sort());
    // The api follows the new master: a write that enqueues a rollup still answers 201.
    const [relationship] = (await api.http.get('/v1/relationships').set(owner.auth).expect(200)).body.data;
    await api.http
      .post('/v1/conversions')
      .set(owner.auth)
      .send(conversionBody({ relationshipId: relationship.id }))
      .expect(201);

    await Promise.all(queues.map((q) => q.resume()));
    await settled(6);
    expect(workers.every((w) => w.process.running) && api.process.running).toBe(true);
  });
});
