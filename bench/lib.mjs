// Shared plumbing of the benchmarks: a scratch database, the built API as a child process, percentiles.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';

export const SERVER_URL = process.env.BENCH_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function freshDatabase(name) {
  const admin = new pg.Client({ connectionString: `${SERVER_URL}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return `${SERVER_URL}/${name}`;
}

export async function dropDatabase(name) {
  const admin = new pg.Client({ connectionString: `${SERVER_URL}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

export function ensureBuilt() {
  if (!existsSync('dist/apps/api/src/main.js')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
}

/** The JWT secret of every bench's API (and of a worker that must read its tokens). */
export const BENCH_JWT_SECRET = 'bench-secret-bench-secret-bench-secret-00';

/**
 * Starts the built API the way operators do (`npm run start:api`) and waits for /health. BENCH_API_NODE_ARGS
 * (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, which NODE_OPTIONS refuses) go to its node. `env` adds to (or
 * overrides) what every bench's API runs with: Redis at REDIS_URL, warnings only, BENCH_JWT_SECRET, and cheap
 * password hashes (sign-ups set a bench up; they are not what it measures).
 */
export async function startApi(env, { cwd } = {}) {
  const port = env.PORT;
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // BENCH_API_MAIN runs another build's API (e.g. a copy of the previous build's dist) on the same bench.
  // `cwd`: where it finds dist/web (the web apps it serves), e.g. a previous build's.
  const main = resolve(process.env.BENCH_API_MAIN ?? 'dist/apps/api/src/main.js');
  const url = `http://127.0.0.1:${port}`;
  // Something else on the port (another session's bench) would answer /health in this API's place.
  if (
    await fetch(`${url}/health`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`port ${port} is taken: set another`);
  const child = spawn(process.execPath, [...nodeArgs, main], {
    cwd,
    // Budgets far above any bench's load: past 3,600 requests a minute (the workspace's default) answers were 429s, counted as errors.
    env: {
      ...process.env,
      RATE_LIMIT_PER_MINUTE: '10000000',
      RATE_LIMIT_PER_WORKSPACE_PER_MINUTE: '10000000',
      REDIS_URL,
      LOG_LEVEL: 'warn',
      JWT_SECRET: BENCH_JWT_SECRET,
      BCRYPT_ROUNDS: '4',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  // BENCH_START_SECONDS (30): more on a machine so loaded that the API's start-up alone takes longer.
  const seconds = Number(process.env.BENCH_START_SECONDS ?? 30);
  for (let i = 0; i < seconds * 4 && !exited; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, child, stop: () => stop(child) };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  child.kill('SIGKILL');
  throw new Error(exited ? `the API exited on start (port ${port} taken?)` : `the API did not become healthy in ${seconds} s`);
}

function stop(child) {
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

export function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

export const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/** Resident set size of a process in KB (VmRSS), 0 once it has exited. */
export function rssKb(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** `node dist/apps/worker/src/main.js` with `env`; VmRSS sampled every 500 ms until it exits. */
export function startWorker(env, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, 'dist/apps/worker/src/main.js'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  // The last lines of its log (pino writes to stdout), to say why a worker stopped.
  const lines = [];
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    lines.push(...chunk.split('\n').filter(Boolean));
    lines.splice(0, lines.length - 40);
  });
  const w = { child, peakRss: 0, samples: 0, tail: () => lines.join('\n') };
  const timer = setInterval(() => {
    const kb = rssKb(child.pid);
    if (kb === 0) return;
    w.peakRss = Math.max(w.peakRss, kb);
    w.samples++;
  }, 500);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  w.stop = async (signal = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
    clearInterval(timer);
  };
  return w;
}

/** An SMTP server on a free port that accepts everything and keeps each message's Message-ID. */
export async function startSink() {
  const messageIds = [];
  const state = { lastAt: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let head = '';
      stream.on('data', (chunk) => {
        if (head.length < 8192) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        state.lastAt = performance.now();
        messageIds.push(/^message-id:\s*(\S+)/im.exec(head)?.[1] ?? `missing-${messageIds.length}`);
        callback();
      });
    },
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${server.server.address().port}`,
    messageIds,
    received: () => messageIds.length,
    distinct: () => new Set(messageIds).size,
    get lastAt() {
      return state.lastAt;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** A fresh database with every migration applied (the built migrate CLI), and a pool of `poolSize` on it. */
export async function migratedDatabase(name, poolSize = 2) {
  const databaseUrl = await freshDatabase(name);
  execFileSync(process.execPath, ['dist/libs/database/src/migrate.cli.js'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: 'ignore',
  });
  return { databaseUrl, pool: new pg.Pool({ connectionString: databaseUrl, max: poolSize }) };
}

/** A database an earlier run kept (BENCH_KEEP_DB=1), brought up to the built migrations: for alternating builds on one seed. */
export function keptDatabase(name, poolSize = 2) {
  const databaseUrl = `${SERVER_URL}/${name}`;
  execFileSync(process.execPath, ['dist/libs/database/src/migrate.cli.js'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: 'ignore',
  });
  return { databaseUrl, pool: new pg.Pool({ connectionString: databaseUrl, max: poolSize }) };
}

/**
 * The environment of a built worker on `databaseUrl` with its own queue prefix, and every queue it uses,
 * paused: its start-up runs and triggered jobs wait, nothing runs behind the bench's back. `close()` removes them.
 */
export async function benchWorkerQueues(databaseUrl, prefix) {
  const redis = new URL(REDIS_URL);
  const connection = { host: redis.hostname, port: Number(redis.port || 6379), maxRetriesPerRequest: null };
  const queues = ['scheduled', 'rollups', 'notifications', 'reports'].map((name) => new Queue(name, { connection, prefix }));
  for (const queue of queues) await queue.pause();
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    QUEUE_BACKEND: 'redis',
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
    WORKER_HEALTH_PORT: '0',
  };
  const close = async () => {
    for (const queue of queues) {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
    }
  };
  return { env, queues, close };
}
