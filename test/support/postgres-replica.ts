import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { postgresIdentity } from './private-servers';
import { eventually, freePort, ManagedProcess } from './processes';

/** The system PostgreSQL's programs (Debian's postgresql package): initdb, postgres and pg_basebackup of one version. */
function systemBinaries(): string {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a))[0] : undefined;
  if (!version) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql: apt-get install -y postgresql');
  return join(root, version, 'bin');
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A primary of the test's own and a streaming replica of it made with `pg_basebackup -R`, on free ports in a
 * temporary directory, trust auth on 127.0.0.1, durability off. `synchronous` makes every commit wait until
 * the replica has applied it (synchronous_commit=remote_apply): a read on the replica then sees every
 * committed write, which lets whole e2e files read from it; a commit then also waits while the replica is down.
 */
export class PostgresReplicaPair {
  private constructor(
    private readonly dir: string,
    readonly primaryPort: number,
    readonly replicaPort: number,
    private readonly primary: ManagedProcess,
    private readonly replica: ManagedProcess,
  ) {}

  static async start(options: { synchronous?: boolean } = {}): Promise<PostgresReplicaPair> {
    const bin = systemBinaries();
    const identity = postgresIdentity();
    const dir = mkdtempSync(join(tmpdir(), 'acrm-pg-replica-'));
    chmodSync(dir, 0o755);
    for (const data of ['primary', 'replica']) {
      mkdirSync(join(dir, data), { mode: 0o700 });
      if (identity) chownSync(join(dir, data), identity.uid, identity.gid);
    }
    const asPostgres = { ...identity, stdio: 'pipe' as const, cwd: dir };
    execFileSync(
      join(bin, 'initdb'),
      ['-D', join(dir, 'primary'), '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
      asPostgres,
    );
    const [primaryPort, replicaPort] = [await freePort(), await freePort()];
    const settings = (port: number, extra: string[]) =>
      [
        `port=${port}`,
        'listen_addresses=127.0.0.1',
        'unix_socket_directories=',
        'fsync=off',
        'full_page_writes=off',
        'max_connections=200',
        'hot_standby_feedback=on',
        ...extra,
      ].flatMap((s) => ['-c', s]);
    const server = (name: string, port: number, extra: string[]) =>
      new ManagedProcess(`${name}:${port}`, join(bin, 'postgres'), ['-D', join(dir, name), ...settings(port, extra)], {
        ...identity,
        cwd: dir,
        stopSignal: 'SIGINT',
        server: true,
      });
    const sync = options.synchronous ? ['synchronous_standby_names=*', 'synchronous_commit=remote_apply'] : [];
    const primary = server('primary', primaryPort, sync);
    const replica = server('replica', replicaPort, []);
    const pair = new PostgresReplicaPair(dir, primaryPort, replicaPort, primary, replica);
    primary.start();
    await pair.ready('primary', primaryPort, primary);
    execFileSync(
      join(bin, 'pg_basebackup'),
      ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', join(dir, 'replica'), '-R', '-X', 'stream', '--no-sync'],
      asPostgres,
    );
    await pair.startReplica();
    return pair;
  }

  /** URL of a database on the primary. */
  primaryUrl(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.primaryPort}/${database}`;
  }

  /** URL of the same database on the replica. */
  replicaUrl(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.replicaPort}/${database}`;
  }

  /** Starts the replica (again); resolves once it streams from the primary. */
  async startReplica(): Promise<void> {
    this.replica.start();
    await this.ready('replica', this.replicaPort, this.replica);
    await eventually(
      'replica streaming from the primary',
      async () => (await query(this.primaryUrl(), `SELECT 1 FROM pg_stat_replication WHERE state = 'streaming'`)).length === 1,
      { timeoutMs: 20_000, intervalMs: 50, logs: () => this.replica.tail() },
    );
  }

  /** Fast shutdown of the replica: its connections drop, new ones are refused. */
  stopReplica(): Promise<void> {
    return this.replica.stop(undefined, 20_000);
  }

  /** The replica keeps receiving WAL but stops applying it: it lags from the next commit on. */
  async pauseReplay(): Promise<void> {
    await query(this.replicaUrl(), 'SELECT pg_wal_replay_pause()');
  }

  async resumeReplay(): Promise<void> {
    await query(this.replicaUrl(), 'SELECT pg_wal_replay_resume()');
  }

  async close(): Promise<void> {
    await this.replica.stop(undefined, 20_000);
    await this.primary.stop(undefined, 20_000);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async ready(what: string, port: number, process_: ManagedProcess): Promise<void> {
    await eventually(
      `${what} PostgreSQL accepting connections`,
      async () => (await query(`postgres://postgres@127.0.0.1:${port}/postgres`, 'SELECT 1')).length === 1,
      { timeoutMs: 30_000, intervalMs: 50, logs: () => process_.tail() },
    );
  }
}

/** The pair of a `TEST_READ_REPLICA=1` run, kept from its global set-up to its teardown (jest's main process). */
const run = globalThis as { acrmReplicaPair?: PostgresReplicaPair };

/**
 * `npm run test:read-replica`: the run's databases live on a primary of its own with a synchronous replica,
 * and every test app reads what tolerates lag from the replica (testEnv's DATABASE_READ_URL).
 */
export async function startRunReplicaPair(): Promise<void> {
  const pair = await PostgresReplicaPair.start({ synchronous: true });
  run.acrmReplicaPair = pair;
  process.env.TEST_DATABASE_SERVER_URL = `postgres://postgres@127.0.0.1:${pair.primaryPort}`;
  process.env.TEST_DATABASE_READ_SERVER_URL = `postgres://postgres@127.0.0.1:${pair.replicaPort}`;
}

/** Prints what the replica served (evidence that the run read from it), then stops the pair; false without one. */
export async function stopRunReplicaPair(): Promise<boolean> {
  const pair = run.acrmReplicaPair;
  if (!pair) return false;
  const [served] = await query<{ n: string }>(
    pair.replicaUrl(),
    `SELECT sum(xact_commit + xact_rollback) AS n FROM pg_stat_database WHERE datname LIKE 'acrm_test_%'`,
  );
  console.log(`read replica: ${served?.n ?? 0} transactions served by the replica in the test databases`);
  await pair.close();
  run.acrmReplicaPair = undefined;
  return true;
}
