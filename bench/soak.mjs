// bench/soak: SOAK_SECONDS (600) of mixed traffic against the built API and 2 workers on this machine, while a
// worker is killed (SIGKILL) and later stopped (SIGTERM), each replaced at once. Prints requests, non-4xx
// errors, p50/p99 per route group, RSS of every process at start and end, then lets the queues drain, runs
// the rollups reconcile and checks: rollups == ledger (conversions, net revenue), emails == sent rows.
// Usage: npm run bench:soak   env: SOAK_SECONDS, SOAK_CLIENTS (6), SOAK_RELATIONSHIPS (40), BENCH_KEEP_DB
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  dropDatabase,
  ensureBuilt,
  fmt,
  migratedDatabase,
  percentile,
  REDIS_URL,
  rssKb,
  startApi,
  startSink,
  startWorker,
} from './lib.mjs';
import { client, pickOperation, seedProgram } from './soak-traffic.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const CLIENTS = Number(process.env.SOAK_CLIENTS ?? 6);
const RELATIONSHIPS = Number(process.env.SOAK_RELATIONSHIPS ?? 40);
const DB = 'acrm_bench_soak';
const require = createRequire(import.meta.url);

ensureBuilt();
const { databaseUrl, pool } = await migratedDatabase(DB);
const sink = await startSink();
const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  REDIS_URL,
  QUEUE_BACKEND: 'redis',
  QUEUE_PREFIX: `{acrm-soak-${process.pid}}`,
  SMTP_URL: sink.url,
  MAIL_RATE_PER_SECOND: '200',
  JOB_BACKOFF_MS: '1000',
  ROLLUP_DEBOUNCE_MS: '1000',
  RATE_LIMIT_PER_MINUTE: '1000000',
  // The traffic mix sends report emails of a few brands all day: the per-workspace and per-quarter budgets would refuse most.
  REPORT_SENDS_PER_WORKSPACE_PER_HOUR: '1000000',
  REPORT_SENDS_PER_BRAND_QUARTER_PER_DAY: '1000000',
  LOG_LEVEL: 'warn',
  WORKER_HEALTH_PORT: '0',
  // A send cut off by the SIGKILL is retried once its claim lease ends (15 min by default, sized for slow SMTP
  // exchanges); the local sink answers in milliseconds, so a minute lets the drain below see it through.
  NOTIFICATION_CLAIM_LEASE_SECONDS: '60',
};
const api = await startApi({ ...env, PORT: String(3900 + (process.pid % 90)) });
const workers = [startWorker(env), startWorker(env)];
const stats = new Map();
const processes = [];
let failed = false;

try {
  const program = await seedProgram(api.url, RELATIONSHIPS);
  console.log(
    `seeded ${RELATIONSHIPS} ambassadors over 2 brands, ${program.deliverables.length} deliverables; ${CLIENTS} clients for ${SECONDS} s`,
  );
  const deadline = Date.now() + SECONDS * 1000;
  track('api', api.child);
  workers.forEach((w, i) => track(`worker ${i + 1}`, w.child));
  const restarts = [
    [SECONDS / 3, 0, 'SIGKILL'],
    [(2 * SECONDS) / 3, 1, 'SIGTERM'],
  ].map(([at, index, signal]) =>
    sleep(at * 1000).then(async () => {
      processes.find((p) => p.child === workers[index].child).endKb = rssKb(workers[index].child.pid);
      await workers[index].stop(signal);
      workers[index] = startWorker(env);
      track(`worker ${index + 1} (after ${signal})`, workers[index].child);
      console.log(`  ${fmt(SECONDS - (deadline - Date.now()) / 1000, 0)} s: worker ${index + 1} stopped with ${signal} and replaced`);
    }),
  );
  await Promise.all(Array.from({ length: CLIENTS }, () => drive(program, deadline)));
  await Promise.all(restarts);
  for (const p of processes) p.endKb ??= rssKb(p.child.pid);

  let requests = 0;
  let serverErrors = 0;
  console.log('\nroute group                        requests   4xx  5xx/net   p50 ms   p99 ms');
  for (const [group, s] of [...stats].sort()) {
    const sorted = s.ms.sort((a, b) => a - b);
    requests += sorted.length;
    serverErrors += s.errors;
    console.log(
      `${group.padEnd(34)} ${String(sorted.length).padStart(8)} ${String(s.clientErrors).padStart(5)} ${String(s.errors).padStart(8)} ${fmt(percentile(sorted, 50)).padStart(8)} ${fmt(percentile(sorted, 99)).padStart(8)}`,
    );
    for (const sample of s.samples) console.log(`    e.g. ${sample}`);
  }
  console.log(`requests ${requests}, non-4xx errors ${serverErrors} (target 0), ${fmt(requests / SECONDS)} req/s`);
  console.log('\nRSS MB                       start    end   growth (target <= 20 %; start: 30 s after the process started)');
  for (const p of processes)
    console.log(
      `${p.name.padEnd(28)} ${fmt(p.startKb / 1024, 0).padStart(6)} ${fmt(p.endKb / 1024, 0).padStart(6)} ${fmt((p.endKb / p.startKb - 1) * 100).padStart(7)} %`,
    );

  await drain();
  const check = await verify();
  if (serverErrors > 0 || !check) failed = true;
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await Promise.all(workers.map((w) => w.stop()));
  await api.stop();
  await sink.close();
  await pool.end();
  if (!process.env.BENCH_KEEP_DB) await dropDatabase(DB);
}
process.exit(failed ? 1 : 0);

/** RSS of a process 30 s after it started (warm) and at the end (or when it is stopped). */
function track(name, child) {
  const p = { name, child, startKb: NaN, endKb: undefined };
  processes.push(p);
  sleep(Math.min(30, SECONDS / 10) * 1000).then(() => (p.startKb = rssKb(child.pid)));
}

async function drive(program, deadline) {
  const call = client(api.url, program.token);
  while (Date.now() < deadline) {
    const [group, , run] = pickOperation();
    const answer = await run(call, program);
    const s = stats.get(group) ?? { ms: [], clientErrors: 0, errors: 0, samples: [] };
    stats.set(group, s);
    s.ms.push(answer.ms);
    if (answer.status >= 400 && answer.status < 500 && s.clientErrors++ === 0)
      s.samples.push(`first 4xx: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
    if (answer.status === 0 || answer.status >= 500) {
      s.errors++;
      if (s.samples.length < 3) s.samples.push(`${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
    }
  }
}

/** Waits until the worker owes nothing: no dirty rollup day, no email scheduled for now. */
async function drain() {
  const started = Date.now();
  for (;;) {
    const { rows } = await pool.query(
      `SELECT (SELECT count(*) FROM rollup_dirty_days)::int AS dirty, (SELECT count(*) FROM notifications WHERE status = 'scheduled' AND due_at <= now())::int AS unsent`,
    );
    if (rows[0].dirty === 0 && rows[0].unsent === 0) break;
    if (Date.now() - started > 180_000) {
      const { rows: pending } = await pool.query(
        `SELECT id, kind, status, attempts, claimed_at, error FROM notifications WHERE status = 'scheduled' AND due_at <= now() LIMIT 5`,
      );
      throw new Error(`not drained after 180 s: ${JSON.stringify(rows[0])}, e.g. ${JSON.stringify(pending)}`);
    }
    await sleep(1_000);
  }
  console.log(`\ndrained in ${fmt((Date.now() - started) / 1000)} s`);
}

/** Reconcile through the built worker's code, then compare rollups with the ledger and emails with rows. */
async function verify() {
  const { createWorkerApp } = require('../dist/apps/worker/src/worker.setup.js');
  const { RollupsService } = require('../dist/libs/rollups/src/index.js');
  const app = await createWorkerApp(env);
  let differed;
  try {
    differed = await app.get(RollupsService).reconcile();
  } finally {
    await app.close();
  }
  const {
    rows: [totals],
  } = await pool.query(`
    SELECT (SELECT coalesce(sum(conversions), 0) FROM relationship_daily_stats)::bigint AS rollup_conversions,
           (SELECT coalesce(sum(revenue - reversals), 0) FROM relationship_daily_stats) AS rollup_net,
           (SELECT count(*) FROM conversions WHERE relationship_id IS NOT NULL)::bigint AS ledger_conversions,
           (SELECT coalesce(sum(net_amount), 0) FROM conversions WHERE relationship_id IS NOT NULL)
             - (SELECT coalesce(sum(r.amount), 0) FROM conversion_reversals r JOIN conversions c ON c.id = r.conversion_id WHERE c.relationship_id IS NOT NULL) AS ledger_net`);
  const { rows: sent } = await pool.query(
    `SELECT message_id FROM notifications WHERE status IN ('sent', 'late') AND message_id IS NOT NULL`,
  );
  const received = new Set(sink.messageIds);
  const missing = sent.filter((r) => !received.has(r.message_id)).length;
  const duplicates = sink.received() - sink.distinct();
  const rollupsOk = totals.rollup_conversions === totals.ledger_conversions && Number(totals.rollup_net) === Number(totals.ledger_net);
  console.log(`reconcile: ${JSON.stringify(differed)}`);
  console.log(
    `rollups vs ledger: conversions ${totals.rollup_conversions} vs ${totals.ledger_conversions}, net revenue ${totals.rollup_net} vs ${totals.ledger_net}: ${rollupsOk ? 'equal' : 'DIFFERENT'}`,
  );
  console.log(
    `emails: ${sink.received()} received, ${sent.length} rows sent, ${duplicates} duplicates, ${missing} missing${duplicates || missing ? ' (FAIL)' : ''}`,
  );
  return rollupsOk && duplicates === 0 && missing === 0;
}
