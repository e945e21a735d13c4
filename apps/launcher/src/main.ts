import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigError, LAUNCHER_GATE, loadConfig, RuntimeInfo } from '@app/config';
import { AppProcess, describeExit, EmbeddedPostgresHost, prefix } from './child-processes';
import { loadOrCreateSecrets, removeRuntimeInfo, writeRuntimeInfo } from './launcher-files';
import {
  composeChildEnv,
  DEFAULT_EMBEDDED_PG_PORT,
  embeddedDatabaseUrl,
  LaunchError,
  LauncherSettings,
  readLauncherSettings,
  redactUrl,
} from './launcher-settings';
import { freePort, isPortFree } from './ports';

/*
 * `npm start`: the whole product on one machine with nothing configured.
 *   DATABASE_URL unset -> an embedded PostgreSQL in DATA_DIR/pg (initialised on first start only)
 *   REDIS_URL unset    -> QUEUE_BACKEND=postgres (BullMQ on that same database)
 *   SMTP_URL unset     -> mail written to DATA_DIR/outbox
 * The api and the worker start as child processes (from dist/) at once and load their code while PostgreSQL
 * starts and the migrations run here, once; then the launcher lets them go on to the database.
 * Ctrl-C / SIGTERM stops the apps gracefully, then PostgreSQL. With DATABASE_URL and REDIS_URL set, it
 * simply runs both apps against them.
 */

const APP_STOP_TIMEOUT_MS = 25_000;
const READY_TIMEOUT_MS = 120_000;

const say = (line: string) => process.stdout.write(`${prefix('launcher')} ${line}\n`);
const complain = (line: string) => process.stderr.write(`${prefix('launcher')} ${line}\n`);

const apps = [
  new AppProcess('api', join(__dirname, '../../api/src/main.js')),
  new AppProcess('worker', join(__dirname, '../../worker/src/main.js')),
];
let postgres: EmbeddedPostgresHost | undefined;
let settings: LauncherSettings | undefined;
let stopping: Promise<void> | undefined;
let firstSignalAt = 0;

/** Stops the apps (in parallel, gracefully), then PostgreSQL, then exits with `code`. Runs once. */
function shutdown(code: number, reason: string): Promise<void> {
  stopping ??= (async () => {
    say(`${reason}: stopping`);
    const results = await Promise.all(apps.map(async (app) => ({ app, exit: await app.stop(APP_STOP_TIMEOUT_MS) })));
    for (const { app, exit } of results) if (exit) say(`${app.name} stopped (${describeExit(exit)})`);
    if (postgres) {
      const stopMs = await postgres.stop();
      say(`embedded PostgreSQL stopped${stopMs !== undefined ? ` in ${stopMs} ms` : ''}`);
    }
    if (settings) removeRuntimeInfo(settings.dataDir);
    process.exit(code);
  })();
  return stopping;
}

function onSignal(signal: NodeJS.Signals): void {
  if (!stopping) {
    firstSignalAt = Date.now();
    void shutdown(0, `${signal} received`);
  } else if (Date.now() - firstSignalAt > 1_000) {
    // A second, deliberate Ctrl-C (npm also forwards the first one, hence the delay): no more waiting.
    complain('second signal: killing the apps');
    apps.forEach((app) => app.kill());
  }
}

async function startEmbeddedPostgres(current: LauncherSettings, port: number, password: string): Promise<void> {
  const databaseDir = join(current.dataDir, 'pg');
  postgres = new EmbeddedPostgresHost((reason) => void shutdown(1, reason));
  const ready = await postgres.start({ databaseDir, port, password, verbose: current.verbose });
  say(
    ready.initialised
      ? `embedded PostgreSQL initialised in ${ready.initMs} ms (first start, data in ${display(databaseDir)}) and started in ${ready.startMs} ms on 127.0.0.1:${port}`
      : `embedded PostgreSQL started in ${ready.startMs} ms on 127.0.0.1:${port} (data in ${display(databaseDir)})`,
  );
}

async function choosePostgresPort(requested: number | undefined): Promise<number> {
  if (requested === 0) return freePort();
  if (requested !== undefined) {
    if (!(await isPortFree(requested, '127.0.0.1')))
      throw new LaunchError(`EMBEDDED_PG_PORT ${requested} is in use: choose another port, or 0 for any free one`);
    return requested;
  }
  if (await isPortFree(DEFAULT_EMBEDDED_PG_PORT, '127.0.0.1')) return DEFAULT_EMBEDDED_PG_PORT;
  const port = await freePort();
  say(`port ${DEFAULT_EMBEDDED_PG_PORT} is taken: embedded PostgreSQL uses ${port} instead (set EMBEDDED_PG_PORT to fix one)`);
  return port;
}

function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

async function waitForHealth(url: string, app: AppProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!app.running) throw new LaunchError(`${app.name} exited during startup`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new LaunchError(`${app.name} did not answer ${url} within ${timeoutMs / 1000} s`);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new LaunchError(`${what} within ${ms / 1000} s`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

async function main(): Promise<void> {
  const current = readLauncherSettings(process.env);
  settings = current;
  mkdirSync(current.dataDir, { recursive: true });
  const secrets = loadOrCreateSecrets(current.dataDir, current.embedded ? join(current.dataDir, 'pg') : undefined);

  // Check the apps' configuration before starting anything (the database URL is not known yet).
  const preview = composeChildEnv(process.env, current, {
    databaseUrl: process.env.DATABASE_URL || embeddedDatabaseUrl(DEFAULT_EMBEDDED_PG_PORT, 'x'),
    jwtSecret: secrets.jwtSecret,
  });
  const config = loadConfig(preview);
  if (config.PORT === 0) throw new LaunchError('PORT must be a fixed port for npm start (the launcher has to know where the api listens)');
  if (!(await isPortFree(config.PORT))) throw new LaunchError(`PORT ${config.PORT} is in use (another npm start?): stop it or set PORT`);

  const pgPort = current.embedded ? await choosePostgresPort(current.embeddedPgPort) : undefined;
  const databaseUrl = pgPort !== undefined ? embeddedDatabaseUrl(pgPort, secrets.postgresPassword) : config.DATABASE_URL;
  const env = composeChildEnv(process.env, current, { databaseUrl, jwtSecret: secrets.jwtSecret });
  const [api, worker] = apps;
  // The apps load their code while PostgreSQL starts and the migrations run; they wait for go() to use the database.
  for (const app of apps) {
    app.onExit((exit) => void shutdown(1, `${app.name} exited unexpectedly (${describeExit(exit)})`));
    app.start({ ...env, [LAUNCHER_GATE]: '1' });
  }
  const [{ ensureDatabase, migrate }] = await Promise.all([
    import('./launcher-database.js'),
    pgPort !== undefined && startEmbeddedPostgres(current, pgPort, secrets.postgresPassword),
  ]);
  if (stopping) return;
  if (pgPort !== undefined) await ensureDatabase(databaseUrl);
  if (stopping) return;
  if (current.migrate) {
    const applied = await migrate(databaseUrl, (line) => say(line));
    say(applied.length ? `${applied.length} migration(s) applied` : 'database schema is up to date');
  }
  if (stopping) return;
  apps.forEach((app) => app.go());

  const base = `http://localhost:${config.PORT}`;
  await withTimeout(
    Promise.all([
      waitForHealth(`http://127.0.0.1:${config.PORT}/health`, api, READY_TIMEOUT_MS),
      worker.waitForMessage((message) => (message as { type?: string } | null)?.type === 'ready'),
    ]),
    READY_TIMEOUT_MS,
    'the api and the worker did not both start',
  );
  if (stopping) return;

  const info: RuntimeInfo = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    apiUrl: base,
    consoleUrl: `${base}/app/`,
    v1Url: `${base}/v1`,
    docsUrl: `${base}/docs`,
    openApiUrl: `${base}/docs/openapi.json`,
    healthUrl: `${base}/health`,
    databaseUrl,
    embeddedPostgres: current.embedded,
    queueBackend: env.QUEUE_BACKEND as RuntimeInfo['queueBackend'],
    ...(env.QUEUE_BACKEND === 'redis' && { redisUrl: env.REDIS_URL ?? config.REDIS_URL }),
    ...(!env.SMTP_URL && { mailOutboxDir: env.MAIL_OUTBOX_DIR }),
    dataDir: current.dataDir,
  };
  writeRuntimeInfo(current.dataDir, info);

  const database = current.embedded ? `embedded PostgreSQL, data in ${display(join(current.dataDir, 'pg'))}` : 'from DATABASE_URL';
  const queues =
    env.QUEUE_BACKEND === 'postgres'
      ? 'BullMQ on PostgreSQL (same database, schema bullmq)'
      : `BullMQ on Redis ${redactUrl(info.redisUrl ?? '')}`;
  const mail = env.SMTP_URL ? `SMTP ${redactUrl(env.SMTP_URL)}` : `written to ${display(env.MAIL_OUTBOX_DIR)}/*.eml (set SMTP_URL to send)`;
  const lines = [
    '',
    'ambassador-crm is running',
    `  Console    ${info.consoleUrl}   (sign up there, or npm run demo for a login)`,
    `  API        ${info.v1Url}`,
    `  Docs       ${info.docsUrl}   (OpenAPI document: ${info.openApiUrl})`,
    `  Health     ${info.healthUrl}`,
    `  Database   ${redactUrl(databaseUrl)}   (${database})`,
    `  Queues     ${queues}`,
    `  Mail       ${mail}`,
    '',
    `  Demo data: npm run demo   (prints a login)       Stack info: ${display(join(current.dataDir, 'runtime.json'))}`,
    '  Stop:      Ctrl-C',
    '',
  ];
  for (const line of lines) say(line);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);

// Under `npm start` a SIGTERM sent to npm kills npm and its `sh -c`, not this process: follow their
// lifetime, so stopping npm stops the stack instead of leaving it running unattended.
if (process.env.npm_lifecycle_event) {
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void shutdown(0, 'npm has stopped'), 1_000).unref();
}

main().catch((error: unknown) => {
  if (stopping) return;
  const message =
    error instanceof ConfigError || error instanceof LaunchError
      ? error.message
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
  complain(message);
  void shutdown(1, 'startup failed');
});
