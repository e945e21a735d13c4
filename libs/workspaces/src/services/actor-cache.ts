import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';

/** The channel the triggers of migration ActorChangeNotify notify on any change of members or API keys. */
export const ACTOR_CHANGES_CHANNEL = 'actor_changes';

const MAX_ENTRIES = 10_000;
/** A bound on how long a healthy process trusts an entry; invalidation does not depend on it. */
const MAX_AGE_MS = 5 * 60_000;
const RECONNECT_DELAY_MS = 1_000;
/** How long a change waits for its own notice to come back before answering anyway. */
const ECHO_WAIT_MS = 2_000;

interface Entry<T> {
  value: T;
  storedAt: number;
}

/**
 * Roles read for bearer tokens and browser sessions, kept in memory only while this process LISTENs on `actor_changes`: every
 * notice (a member, key or session updated or deleted, sent at commit) empties it, and so does losing the listening
 * connection, after which lookups go to the database until it listens again. A lookup that overlapped a
 * notice is not stored (the generation changed), so a stale row read just before a commit never lands.
 * Absence is never stored: a new member or key needs no notice. The connection opens on first use, so a
 * process that resolves no tokens (the worker) holds none.
 */
@Injectable()
export class ActorCache implements OnModuleDestroy {
  private readonly logger = new Logger(ActorCache.name);
  private readonly entries = new Map<string, Entry<unknown>>();
  private generation = 0;
  private notices = 0;
  private readonly echoWaiters = new Set<() => void>();
  private listening = false;
  private client?: Client;
  private started = false;
  private closed = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The cached value of `key`, or `load()`'s (stored when it is defined and no notice came meanwhile). */
  async get<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    this.start();
    const entry = this.entries.get(key);
    if (entry && this.listening && Date.now() - entry.storedAt < MAX_AGE_MS) return entry.value as T;
    const generation = this.generation;
    const value = await load();
    if (value !== undefined && this.listening && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, { value, storedAt: Date.now() });
    }
    return value;
  }

  /** Forgets everything: on a notice, on a lost connection, and for the change this process made itself. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Where the notices stand; pass it to `changed` once the change is committed. */
  mark(): number {
    return this.notices;
  }

  /**
   * After committing a change of members or API keys (`seen` from `mark()` before it): forgets this
   * process's entries and waits (up to ECHO_WAIT_MS) for the commit's notice to reach this process's
   * listener. PostgreSQL signals every listening process at that moment, so by the time the change is
   * answered the other processes have been told too: their next request reads the new role instead of
   * racing the notice.
   */
  async changed(seen: number): Promise<void> {
    this.invalidate();
    if (!this.listening || this.notices !== seen) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.echoWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ECHO_WAIT_MS);
      this.echoWaiters.add(done);
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.listening = false;
    for (const done of [...this.echoWaiters]) done();
    await this.client?.end().catch(() => undefined);
  }

  private start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    void this.listen();
  }

  private async listen(): Promise<void> {
    // Same settings as the pool (URL, timeouts, application name), on a connection of its own.
    const client = new Client((this.dataSource.driver as unknown as { master: Pool }).master.options);
    this.client = client;
    client.on('notification', () => {
      this.notices++;
      this.invalidate();
      for (const done of [...this.echoWaiters]) done();
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${ACTOR_CHANGES_CHANNEL}`);
      if (this.client !== client || this.closed) return;
      this.invalidate();
      this.listening = true;
    } catch (error) {
      this.lost(client, error as Error);
    }
  }

  private lost(client: Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.listening = false;
    this.invalidate();
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.logger.warn(
      `Not listening for member and API key changes (${error?.message ?? 'connection ended'}); roles are read per request until it reconnects`,
    );
    this.reconnectTimer = setTimeout(() => void this.listen(), RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }
}
