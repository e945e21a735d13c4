// bench/webhooks: domain events from commit to a receiver's 2xx. Usage: npm run bench:webhooks
// Conversions posted through POST /v1/conversions/batch (each records conversion.created in its transaction),
// delivered by 2 built workers to an HTTP receiver in this process that answers 204 at once. Phases:
//   1. ingest without events (a BEFORE INSERT trigger drops domain_events rows), no workers: the ingest rate;
//   2. ingest with events, no workers: the rate with events recorded (the cost of recording, target <= 15%);
//      these events are then marked dispatched, out of the way of 3;
//   3. 2 workers running, ingest again: events/s from the first post to the last 2xx, and per event the
//      latency from its commit (the event's occurred_at) to the receiver's answer;
//   4. baseline: the same count of bare BullMQ jobs (no-op processor) through 2 worker processes of the same
//      concurrency, timed from the first add to the last completion;
//   5. a second baseline beside it (the ratio the issue sets is against 4): the same jobs, each making one
//      PostgreSQL round trip and one POST to the receiver, the least any delivery does.
// 0 lost and 0 duplicates are checked on webhook-id. env: BENCH_EVENTS (100000), BENCH_BATCH (5000),
// BENCH_CLIENTS (4), BENCH_RELATIONSHIPS (10000), BENCH_KEEP_DB.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker } from 'bullmq';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { Agent } from 'undici';
import { cpuMeter } from './cpu-meter.mjs';
import { seedRelationships } from './ingest-seed.mjs';
import {
  BENCH_JWT_SECRET,
  benchWorkerQueues,
  dropDatabase,
  ensureBuilt,
  fmt,
  migratedDatabase,
  percentile,
  REDIS_URL,
  startApi,
  startWorker,
} from './lib.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const RELATIONSHIPS = Number(process.env.BENCH_RELATIONSHIPS ?? 10_000);
const WORKERS = 2;
// The app's WEBHOOK_CONCURRENCY default: the baseline's workers run as many jobs at once.
const CONCURRENCY = Number(process.env.WEBHOOK_CONCURRENCY ?? 16);
const DB = 'acrm_bench_webhooks';
// e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the two workers.
const WORKER_NODE_ARGS = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const FIRST_ORDER_AT = Date.now() - 30 * 86_400_000;
const redis = new URL(REDIS_URL);
const connection = { host: redis.hostname, port: Number(redis.port || 6379), maxRetriesPerRequest: null };

if (process.argv[2] === '--bare-worker') await bareWorker(process.argv[3], process.argv[4]);
else await main();

/**
 * A baseline worker process, as many jobs at once as a webhook worker: a no-op processor on queue `bare`; or, given
 * `io` (the database and the receiver, JSON), on queue `bare-io` one statement and one POST per job.
 */
async function bareWorker(prefix, io) {
  let processor = async () => undefined;
  if (io) {
    const { databaseUrl, url } = JSON.parse(io);
    const pool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY });
    const agent = new Agent();
    const { origin, pathname } = new URL(url);
    processor = async (job) => {
      await pool.query('SELECT $1::int AS i', [job.data.i]);
      const body = JSON.stringify({ type: 'baseline', data: job.data });
      const response = await agent.request({
        origin,
        path: pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await response.body.dump();
      if (response.statusCode !== 204) throw new Error(`the receiver answered ${response.statusCode}`);
    };
  }
  const worker = new Worker(io ? 'bare-io' : 'bare', processor, { connection, prefix, concurrency: CONCURRENCY });
  await worker.waitUntilReady();
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => worker.close().then(() => process.exit(0)));
}

async function main() {
  ensureBuilt();
  const prefix = `{bench-webhooks-${process.pid}}`;
  const { databaseUrl, pool } = await migratedDatabase(DB, 4);
  const queues = await benchWorkerQueues(databaseUrl, prefix);
  const secretEnv = { JWT_SECRET: BENCH_JWT_SECRET };
  const api = await startApi({
    PORT: '3919',
    DATABASE_URL: databaseUrl,
    QUEUE_BACKEND: 'redis',
    QUEUE_PREFIX: prefix,
    SIGNUP_PER_IP_PER_HOUR: '1000000',
  });
  const receiver = await startReceiver();
  const workers = [];
  try {
    const body = JSON.stringify({ workspaceName: 'Bench', name: 'Bench', email: 'bench@example.com', password: 'bench password 1' });
    const signup = await (
      await fetch(`${api.url}/v1/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    ).json();
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${signup.accessToken}` };
    const terms = await seedRelationships(pool, signup.workspace.id, RELATIONSHIPS, 10n);
    console.log(
      `${RELATIONSHIPS} relationships seeded; ${EVENTS} conversions per phase, batches of ${BATCH}, ${CLIENTS} clients, ${WORKERS} workers`,
    );

    // 1 and 2: the ingest rate without and with events recorded, nothing delivering.
    await pool.query(`CREATE FUNCTION bench_drop_event() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END'`);
    await pool.query(`CREATE TRIGGER bench_no_events BEFORE INSERT ON domain_events FOR EACH ROW EXECUTE FUNCTION bench_drop_event()`);
    const without = await postAll(api.url, headers, terms, 'a-');
    await pool.query(`DROP TRIGGER bench_no_events ON domain_events; DROP FUNCTION bench_drop_event()`);
    const { cpu: ingestCpu, ...withEvents } = await cpuMeter({ api: api.child.pid }, pool).measure(() =>
      postAll(api.url, headers, terms, 'b-'),
    );
    const recorded = Number((await pool.query(`SELECT count(*) FROM domain_events WHERE type = 'conversion.created'`)).rows[0].count);
    await pool.query(`UPDATE domain_events SET dispatched_at = now() WHERE dispatched_at IS NULL`);
    console.log(
      `ingest: without events ${fmt(without.rps, 0)} rows/s (${fmt(without.seconds)} s), with events ${fmt(withEvents.rps, 0)} rows/s ` +
        `(${fmt(withEvents.seconds)} s, ${recorded} recorded): cost ${fmt((1 - withEvents.rps / without.rps) * 100)}% (target <= 15%)`,
    );

    // 3: commit → 2xx with 2 workers.
    const endpoint = await (
      await fetch(`${api.url}/v1/webhook-endpoints`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ url: receiver.url, eventTypes: ['conversion.created'] }),
      })
    ).json();
    receiver.secret = endpoint.secret;
    let revived = 0;
    const workerEnv = { ...queues.env, ...secretEnv, WEBHOOK_CONCURRENCY: String(CONCURRENCY) };
    for (let i = 0; i < WORKERS; i++) {
      const worker = startWorker(workerEnv, WORKER_NODE_ARGS);
      // A worker that dies would leave the wait below to time out: say so at once.
      worker.child.once('exit', (code, signal) => {
        if (workers.includes(worker))
          console.error(`a worker exited during the run: ${signal ?? `code ${code}`}; its last log lines:\n${worker.tail()}`);
      });
      // The backstop's revives of deliveries it took for stranded (its log line), printed below.
      worker.child.stdout.on('data', (chunk) => {
        for (const [, n] of String(chunk).matchAll(/revived (\d+)/g)) revived += Number(n);
      });
      workers.push(worker);
    }
    // Both up: a ping reaches the receiver through one of them; then a moment for the other.
    await fetch(`${api.url}/v1/webhook-endpoints/${endpoint.id}/test`, { method: 'POST', headers });
    await until(() => receiver.pings > 0, 300_000, 'a ping delivered');
    await sleep(2_000);
    const meter = cpuMeter(
      Object.fromEntries(workers.map((w, i) => [`worker ${i + 1}`, w.child.pid]).concat([['api', api.child.pid]])),
      pool,
    );
    const benchCpu = process.cpuUsage(); // the receiver (and the posting clients)
    const started = performance.now();
    const { cpu, posted } = await meter.measure(async () => {
      const posted = await postAll(api.url, headers, terms, 'c-');
      // Bounded by progress, not by a total: a slow machine may take long, a stuck delivery must not.
      await untilProgress(() => receiver.distinct(), EVENTS, 120_000, 'every event delivered');
      return { posted };
    });
    const receiverCpu = process.cpuUsage(benchCpu);
    cpu['bench (clients, receiver)'] = (receiverCpu.user + receiverCpu.system) / 1e6;
    const seconds = (receiver.lastAt - started) / 1000;
    await sleep(2_000); // room for a late duplicate
    const delivered = Number(
      // The ping's delivery aside.
      (
        await pool.query(
          `SELECT count(*) FROM webhook_deliveries d JOIN domain_events e ON e.id = d.event_id
            WHERE d.status = 'delivered' AND d.endpoint_id = $1 AND e.type = 'conversion.created'`,
          [endpoint.id],
        )
      ).rows[0].count,
    );
    const latencies = receiver.latencies.sort((a, b) => a - b);
    const eventsPerSecond = EVENTS / seconds;
    const running = workers.splice(0);
    for (const w of running) await w.stop();
    const peakRss = running.map((w) => `${fmt(w.peakRss / 1024, 0)} MB`).join(', ');

    // 4: bare BullMQ, same count, 2 worker processes; 5: the same with a statement and a POST per job.
    const baseline = await bareJobs(prefix, pool);
    const ioBaseline = await bareJobs(prefix, pool, { databaseUrl, url: receiver.url });

    const lost = EVENTS - receiver.distinct();
    const duplicates = receiver.total - receiver.distinct();
    console.log(
      `delivery: ${EVENTS} events in ${fmt(seconds)} s from the first post (ingest took ${fmt(posted.seconds)} s): ${fmt(eventsPerSecond, 0)} events/s; ` +
        `commit → 2xx p50 ${fmt(percentile(latencies, 50), 0)} ms, p99 ${fmt(percentile(latencies, 99), 0)} ms, max ${fmt(latencies.at(-1), 0)} ms; ` +
        `workers' peak RSS ${peakRss}; deliveries revived by the backstop ${revived}`,
    );
    console.log(
      `baseline: ${EVENTS} bare BullMQ jobs, ${WORKERS} workers x ${CONCURRENCY}: ${fmt(baseline.jobsPerSecond, 0)} jobs/s (${fmt(baseline.seconds)} s)`,
    );
    // CPU seconds per 1,000 items swing much less with the machine's load than the rates do.
    const perThousand = (seconds) => `${fmt((seconds * 1_000_000) / EVENTS, 0)} ms`;
    const cpuLine = (figures) =>
      Object.entries(figures)
        .map(([name, seconds]) => `${name} ${perThousand(seconds)}`)
        .join(', ');
    console.log(`CPU per 1,000 deliveries (ingest included: api, postgres): ${cpuLine(cpu)}`);
    console.log(`CPU per 1,000 rows ingested with events, nothing delivering: ${cpuLine(ingestCpu)}`);
    console.log(`CPU per 1,000 bare jobs: ${cpuLine(baseline.cpu)}`);
    console.log(
      `second baseline: ${EVENTS} BullMQ jobs with a PostgreSQL round trip and a POST to the receiver each: ${fmt(ioBaseline.jobsPerSecond, 0)} jobs/s ` +
        `(${fmt(ioBaseline.seconds)} s); CPU per 1,000: ${cpuLine(ioBaseline.cpu)}`,
    );
    console.log(
      `\nratio events/s / bare jobs/s ${fmt(eventsPerSecond / baseline.jobsPerSecond, 2)} (target >= 0.5; against the second baseline ` +
        `${fmt(eventsPerSecond / ioBaseline.jobsPerSecond, 2)}); ingest cost of events ` +
        `${fmt((1 - withEvents.rps / without.rps) * 100)}% (target <= 15%); lost ${lost}, duplicates ${duplicates}, ` +
        `delivery rows delivered ${delivered}, signatures checked ${receiver.verified} (all valid)`,
    );
    if (lost || duplicates || delivered !== EVENTS || recorded !== EVENTS) throw new Error('every event must be delivered exactly once');
  } finally {
    for (const w of workers) await w.stop();
    await api.stop();
    await receiver.close();
    await queues.close();
    for (const name of ['events', 'webhooks', 'bare', 'bare-io']) {
      const queue = new Queue(name, { connection, prefix });
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
    await pool.end();
    if (!process.env.BENCH_KEEP_DB) await dropDatabase(DB);
  }
}

/**
 * The receiver: answers 204 at once, counts deliveries by webhook-id, the latency of each from the event's
 * commit (its body's timestamp, PostgreSQL's now() on this machine's clock), and verifies one signature in 1,000
 * with the standardwebhooks package.
 */
async function startReceiver() {
  const seen = new Set();
  const state = { total: 0, pings: 0, lastAt: 0, verified: 0, latencies: [], secret: undefined };
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const event = JSON.parse(body);
      response.statusCode = 204;
      response.end();
      if (event.type === 'ping') return void state.pings++;
      if (event.type === 'baseline') return;
      state.total++;
      seen.add(request.headers['webhook-id']);
      state.lastAt = performance.now();
      state.latencies.push(Date.now() - Date.parse(event.timestamp));
      if (state.total % 1_000 === 0) {
        new Webhook(state.secret).verify(body, request.headers);
        state.verified++;
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `http://127.0.0.1:${server.address().port}/hooks`,
    distinct: () => seen.size,
    close: () => new Promise((resolve) => server.close(resolve)),
  });
}

/** The same count of jobs through 2 baseline worker processes (see bareWorker), from the first add to the last completion. */
async function bareJobs(prefix, pool, io) {
  const queue = new Queue(io ? 'bare-io' : 'bare', { connection, prefix });
  const children = [];
  for (let i = 0; i < WORKERS; i++) {
    const child = spawn(
      process.execPath,
      [new URL(import.meta.url).pathname, '--bare-worker', prefix, ...(io ? [JSON.stringify(io)] : [])],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise((resolve) => child.stdout.once('data', resolve));
    children.push(child);
  }
  const meter = cpuMeter(Object.fromEntries(children.map((child, n) => [`worker ${n + 1}`, child.pid])), pool);
  const started = performance.now();
  const { cpu, seconds } = await meter.measure(async () => {
    for (let i = 0; i < EVENTS; i += 1_000)
      await queue.addBulk(Array.from({ length: Math.min(1_000, EVENTS - i) }, (_, j) => ({ name: 'bare', data: { i: i + j } })));
    await until(async () => (await queue.getCompletedCount()) >= EVENTS, 600_000, 'bare jobs completed', 20);
    return { seconds: (performance.now() - started) / 1000 };
  });
  if (!io) delete cpu.postgres;
  for (const child of children) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await queue.close();
  return { seconds, jobsPerSecond: EVENTS / seconds, cpu };
}

async function until(check, timeoutMs, what, intervalMs = 50) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

/** Waits until count() reaches target; fails when it stays still for stallMs. */
async function untilProgress(count, target, stallMs, what) {
  let last = -1;
  let movedAt = Date.now();
  for (let now = count(); now < target; now = count()) {
    if (now !== last) [last, movedAt] = [now, Date.now()];
    else if (Date.now() - movedAt > stallMs) throw new Error(`${what}: stuck at ${now} of ${target} for ${stallMs} ms`);
    await sleep(50);
  }
}

function decimal(cents) {
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

/** CLIENTS loops post the next batch until none is left; a non-2xx stops. */
async function postAll(url, headers, terms, prefix) {
  let next = 0;
  let accepted = 0;
  const client = async () => {
    for (let start = next; start < EVENTS; start = next) {
      next += BATCH;
      const conversions = [];
      for (let i = start; i < Math.min(start + BATCH, EVENTS); i++) {
        conversions.push({
          source: 'api',
          externalId: `${prefix}${i}`,
          occurredAt: new Date(FIRST_ORDER_AT + (i % 2_592_000) * 1_000).toISOString(),
          amount: decimal(1_000n + BigInt(i % 9_000)),
          currency: 'EUR',
          relationshipId: terms[i % terms.length].id,
        });
      }
      const response = await fetch(`${url}/v1/conversions/batch`, { method: 'POST', headers, body: JSON.stringify({ conversions }) });
      const body = await response.json();
      if (!response.ok) throw new Error(`batch answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
      accepted += body.accepted;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const seconds = (performance.now() - started) / 1000;
  if (accepted !== EVENTS) throw new Error(`${accepted} of ${EVENTS} conversions accepted`);
  return { seconds, rps: EVENTS / seconds };
}
