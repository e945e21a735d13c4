import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException, RequestContext } from '@app/common';
import { AppConfig } from '@app/config';

/** How often the replica's lag is probed (at most; only while reads want it). */
const LAG_PROBE_INTERVAL_MS = 1_000;
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
 * DB_READ_AFTER_WRITE_MS, and the replica answers with a replay lag within DB_READ_MAX_LAG_MS; else the
 * primary. A replica that lags, is down or fails mid-read costs a warning (once per episode), never an error:
 * the read runs on the primary. Writes, transitions and reads inside a transaction never come here.
 */
@Injectable()
export class ReadReplica implements OnApplicationShutdown {
  private readonly logger = new Logger('ReadReplica');
  private replica?: DataSource;
  private opening?: Promise<DataSource | undefined>;
  private probe?: Promise<void>;
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
    const replica = await this.usable();
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
    const replica = this.replica ?? (await this.opening?.catch(() => undefined));
    this.replica = undefined;
    if (replica?.isInitialized) await replica.destroy();
  }

  private async usable(): Promise<DataSource | undefined> {
    if (!this.config.DATABASE_READ_URL || !RequestContext.laggingReadsAllowed()) return undefined;
    const workspaceId = RequestContext.maybeActor()?.workspaceId;
    if (workspaceId && (this.writes.get(workspaceId) ?? 0) > Date.now()) return undefined;
    if (Date.now() < this.unusableUntil) return undefined;
    const replica = this.replica ?? (await (this.opening ??= this.open()));
    if (!replica) return undefined;
    if (Date.now() - this.lag.at > LAG_PROBE_INTERVAL_MS)
      await (this.probe ??= this.probeLag(replica).finally(() => (this.probe = undefined)));
    const { ms } = this.lag;
    if (ms === null || ms > this.config.DB_READ_MAX_LAG_MS) {
      this.warn(ms === null ? 'is not streaming from its primary' : `lags ${Math.round(ms)} ms (more than DB_READ_MAX_LAG_MS)`);
      return undefined;
    }
    if (this.trouble) this.logger.log(`read replica serves again (lag ${Math.round(ms)} ms)`);
    this.trouble = undefined;
    return this.replica;
  }

  /** A second DataSource (not TypeORM's `replication`, which refuses to boot without every replica). */
  private async open(): Promise<DataSource | undefined> {
    const replica = new DataSource({
      ...this.primary.options,
      url: this.config.DATABASE_READ_URL,
      migrations: [],
      extra: { max: 10, application_name: 'ambassador-crm-read' },
    } as typeof this.primary.options);
    try {
      this.replica = await replica.initialize();
      return this.replica;
    } catch (error) {
      this.unusable(`is unreachable (${(error as Error).message})`);
      return undefined;
    } finally {
      this.opening = undefined;
    }
  }

  private async probeLag(replica: DataSource): Promise<void> {
    try {
      const [row] = (await replica.query(LAG)) as { lagMs: number | null }[];
      this.lag = { ms: row.lagMs, at: Date.now() };
    } catch (error) {
      this.lag = { ms: null, at: 0 };
      this.unusable(`failed its lag probe (${(error as Error).message})`);
    }
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
