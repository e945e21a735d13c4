// BullMQ worker throughput on a 3-master Redis Cluster vs one Redis, same run, through the app's own
// connection code (dist/libs/queue/src/connection.js: the cluster client factory included). Both servers are
// private (free ports, temporary directories, no persistence); the shared Redis on 6379 is not touched.
// Per round and target: BENCH_JOBS jobs added with addBulk, then drained by one Worker (concurrency
// BENCH_CONCURRENCY, a no-op processor, as the app's handlers' Redis side); Redis memory per waiting job is
// read from INFO before the drain. Knobs: BENCH_JOBS (20000), BENCH_CONCURRENCY (16), BENCH_ROUNDS (3).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker } from 'bullmq';
import { ensureBuilt, fmt } from './lib.mjs';

const JOBS = Number(process.env.BENCH_JOBS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

ensureBuilt();
const require = createRequire(import.meta.url);
const { queueConnection } = require('../dist/libs/queue/src/connection.js');

const dir = mkdtempSync(join(tmpdir(), 'acrm-bench-cluster-'));
const servers = [];
const cli = (port, ...args) =>
  execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A port below 55536, so its cluster bus port (+10000) exists. */
async function nodePort() {
  for (;;) {
    const port = await freePort();
    if (port <= 55_535) return port;
  }
}

async function redisServer(extra = []) {
  const port = await nodePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extra];
  servers.push(spawn('redis-server', args, { stdio: 'ignore' }));
  for (let i = 0; i < 200; i++) {
    try {
      if (cli(port, 'PING') === 'PONG') return port;
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
  throw new Error(`redis-server on ${port} did not start`);
}

async function startCluster() {
  const ports = [];
  for (let i = 0; i < 3; i++) ports.push(await redisServer(['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${i}.conf`]));
  execFileSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-yes'], { stdio: 'ignore' });
  for (let i = 0; i < 200 && !ports.every((p) => cli(p, 'CLUSTER', 'INFO').includes('cluster_state:ok')); i++) await sleep(50);
  return ports;
}

function usedMemory(ports) {
  return ports.reduce((sum, port) => sum + Number(/used_memory:(\d+)/.exec(cli(port, 'INFO', 'memory'))[1]), 0);
}

async function round(label, redisUrl, ports, n) {
  const config = { QUEUE_BACKEND: 'redis', REDIS_URL: redisUrl, QUEUE_PREFIX: `{bench-${label}-${n}}`, DATABASE_URL: 'postgres://unused' };
  const { connection, prefix } = queueConnection(config);
  const queue = new Queue('bench', { connection, prefix });
  await queue.waitUntilReady();
  const before = usedMemory(ports);
  const addStarted = performance.now();
  for (let i = 0; i < JOBS; i += 1_000) {
    const chunk = Array.from({ length: Math.min(1_000, JOBS - i) }, (_, j) => ({
      name: 'notifications.send',
      data: { notificationId: `00000000-0000-4000-8000-${String(i + j).padStart(12, '0')}` },
      opts: { jobId: `notification-${i + j}`, removeOnComplete: { count: 1_000 }, attempts: 8 },
    }));
    await queue.addBulk(chunk);
  }
  const addSeconds = (performance.now() - addStarted) / 1000;
  const bytesPerJob = (usedMemory(ports) - before) / JOBS;
  let done = 0;
  let finished;
  const allDone = new Promise((resolve) => (finished = resolve));
  const started = performance.now();
  const worker = new Worker('bench', async () => undefined, { connection, prefix, concurrency: CONCURRENCY });
  worker.on('completed', () => ++done === JOBS && finished());
  await allDone;
  const drainSeconds = (performance.now() - started) / 1000;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { addPerSecond: JOBS / addSeconds, processPerSecond: JOBS / drainSeconds, bytesPerJob };
}

try {
  const single = await redisServer();
  const clusterPorts = await startCluster();
  const targets = [
    ['single', `redis://127.0.0.1:${single}`, [single]],
    ['cluster', `redis+cluster://${clusterPorts.map((p) => `127.0.0.1:${p}`).join(',')}`, clusterPorts],
  ];
  const results = { single: [], cluster: [] };
  console.log(`worker-cluster: ${JOBS} jobs per round, worker concurrency ${CONCURRENCY}, ${ROUNDS} rounds alternating`);
  for (let n = 0; n < ROUNDS; n++) {
    for (const [label, url, ports] of targets) {
      const r = await round(label, url, ports, n);
      results[label].push(r);
      console.log(
        `  round ${n + 1} ${label.padEnd(7)} add ${fmt(r.addPerSecond, 0)} jobs/s, process ${fmt(r.processPerSecond, 0)} jobs/s, ${fmt(r.bytesPerJob, 0)} B per waiting job`,
      );
    }
  }
  const mean = (rows, key) => rows.reduce((s, r) => s + r[key], 0) / rows.length;
  console.log('\n| target | add jobs/s | process jobs/s | bytes per waiting job |');
  console.log('| --- | --- | --- | --- |');
  for (const label of ['single', 'cluster']) {
    const rows = results[label];
    console.log(
      `| ${label} | ${fmt(mean(rows, 'addPerSecond'), 0)} | ${fmt(mean(rows, 'processPerSecond'), 0)} | ${fmt(mean(rows, 'bytesPerJob'), 0)} |`,
    );
  }
  const ratio = (key) => fmt(mean(results.cluster, key) / mean(results.single, key), 2);
  console.log(`cluster / single: add ${ratio('addPerSecond')}, process ${ratio('processPerSecond')}`);
} finally {
  for (const server of servers) server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
