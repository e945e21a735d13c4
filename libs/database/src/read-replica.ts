import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException, RequestContext } from '@app/common';
import { AppConfig } from '@app/config';
import { POOL_IDLE_TIMEOUT_MS } from './data-source-options';

/** How often the replica's lag is probed, from the first lag-tolerant read on (so only processes that serve them probe). */
const LAG_PROBE_INTERVAL_MS = 1_000;
/** A probe that has not answered by then counts as a failure: a blackholed replica must not hold reads up. */
const PROBE_TIMEOUT_MS = 1_000;
/** A lag reading older than this is not trusted (the probes stopped answering). */
const LAG_FRESH_MS = 3 * LAG_PROBE_INTERVAL_MS;
/** After a failure the replica is left alone this long, so a dead one costs one failed attempt, not one per request. */
const RETRY_AFTER_MS = 5_000;

/**
 * Replay lag in ms: 0 when the replica has replayed all it received; null when it is not streaming from a
 * primary (its data may be arbitrarily old). A server that is not a standby (DATABASE_READ_URL naming a
 * primary behind a proxy) has no lag.
 */
const LAG = `
  SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN NOT EXISTS (SELECT 1 FROM pg_stat_wal_receiver) THEN NULL
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
    ELSE COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000, 'Infinity')
  END::float8 AS "lagMs"`;

/**
 * Where reads that tolerate a little lag run: the streaming replica of DATABASE_READ_URL when one is set, the
 * request is read-only (GET, HEAD), its workspace has not written through this process in the last
 * DB_READ_AFTER_WRITE_MS, and the replica's last lag probe (once a second, in the background) answered
 * within DB_READ_MAX_LAG_MS; else the primary. A read never waits for the replica's connection or probe. A
 * replica that lags, is down or fails mid-read costs a warning (once per episode), never an error: the read
 * runs on the primary. Writes, transitions and reads inside a transaction never come here.
 */
@Injectable()
export class ReadReplica implements OnApplicationShutdown {
  private readonly logger = new Logger('ReadReplica');
  private replica?: DataSource;
  private timer?: NodeJS.Timeout;
  private probing = false;
  private lag = { ms: null as number | null, at: 0 };
  private unusableUntil = 0;
  /** Why the replica is not used right now, logged once when it starts; undefined while it serves. */
  private trouble?: string;
  private readonly writes = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly primary: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** A write request of `workspaceId` starts or ends: its reads stay on the primary for DB_READ_AFTER_WRITE_MS. */
  noteWrite(workspaceId: string): void {
    if (!this.config.DATABASE_READ_URL) return;
    const now = Date.now();
    if (this.writes.size > 10_000) for (const [id, until] of this.writes) if (until < now) this.writes.delete(id);
    this.writes.set(workspaceId, now + this.config.DB_READ_AFTER_WRITE_MS);
  }

  /** Runs a lag-tolerant read on the replica when it may serve it, else (or should it fail) on the primary. */
  async read<T>(work: (db: DataSource) => Promise<T>): Promise<T> {
    const replica = this.usable();
    if (!replica) return work(this.primary);
    try {
      return await work(replica);
    } catch (error) {
      if (!isReplicaFault(error)) throw error;
      this.unusable(`failed (${(error as Error).message})`);
      return work(this.primary);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    const replica = this.replica;
    this.replica = undefined;
    if (replica?.isInitialized) await replica.destroy();
  }

  private usable(): DataSource | undefined {
    if (!this.config.DATABASE_READ_URL || !RequestContext.laggingReadsAllowed()) return undefined;
    this.startProbing();
    const workspaceId = RequestContext.maybeActor()?.workspaceId;
    if (workspaceId && (this.writes.get(workspaceId) ?? 0) > Date.now()) return undefined;
    if (!this.replica?.isInitialized || Date.now() < this.unusableUntil || Date.now() - this.lag.at > LAG_FRESH_MS) return undefined;
    const { ms } = this.lag;
    if (ms === null || ms > this.config.DB_READ_MAX_LAG_MS) {
      this.warn(ms === null ? 'is not streaming from its primary' : `lags ${Math.round(ms)} ms (more than DB_READ_MAX_LAG_MS)`);
      return undefined;
    }
    if (this.trouble) this.logger.log(`read replica serves again (lag ${Math.round(ms)} ms)`);
    this.trouble = undefined;
    return this.replica;
  }

  private startProbing(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.probe(), LAG_PROBE_INTERVAL_MS).unref();
    void this.probe();
  }

  /** Opens the replica's DataSource if need be, then reads its lag; at most one at a time, each bounded. */
  private async probe(): Promise<void> {
    if (this.probing || Date.now() < this.unusableUntil) return;
    this.probing = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
    });
    const opening = this.replica ? undefined : this.open();
    try {
      const replica = this.replica ?? (this.replica = await Promise.race([opening!, timeout]));
      const [row] = (await Promise.race([replica.query(LAG), timeout])) as { lagMs: number | null }[];
      this.lag = { ms: row.lagMs, at: Date.now() };
    } catch (error) {
      // An open that outlived its timeout must not leave a pool behind when it completes.
      if (!this.replica) opening?.then((late) => late.destroy()).catch(() => undefined);
      this.unusable(`${this.replica ? 'failed its lag probe' : 'is unreachable'} (${(error as Error).message})`);
    } finally {
      clearTimeout(timer);
      this.probing = false;
    }
  }

  /** A second DataSource (not TypeORM's `replication`, which refuses to boot without every replica). */
  private open(): Promise<DataSource> {
    return new DataSource({
      ...this.primary.options,
      url: this.config.DATABASE_READ_URL,
      migrations: [],
      extra: { max: 10, idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS, application_name: 'ambassador-crm-read' },
    } as typeof this.primary.options).initialize();
  }

  private unusable(why: string): void {
    this.unusableUntil = Date.now() + RETRY_AFTER_MS;
    this.lag.at = 0;
    this.warn(why);
  }

  private warn(why: string): void {
    if (this.trouble !== undefined) return;
    this.trouble = why;
    this.logger.warn(`read replica ${why}: lag-tolerant reads go to the primary until it is back`);
  }
}

/**
 * Whether a read failed because of the replica (connection lost or refused, shutting down, a recovery
 * conflict), so the primary should answer it; an error of the read itself (a domain error, bad SQL) is not.
 */
export function isReplicaFault(error: unknown): boolean {
  if (error instanceof AppException) return false;
  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown } };
  const sqlState = [code, driverError?.code].find((c): c is string => typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c));
  // No SQLSTATE: the connection failed (refused, reset, timed out), not the statement.
  if (!sqlState) return true;
  // 08: connection exception; 57P: shutdown or not accepting connections; 53: out of resources; 40001: recovery conflict.
  return /^(08|57P|53)/.test(sqlState) || sqlState === '40001';
}
