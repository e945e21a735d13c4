import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { pgPool } from '@app/database';

/** The channel the triggers of migration ActorChangeNotify notify on any change of members or API keys. */
export const ACTOR_CHANGES_CHANNEL = 'actor_changes';

const MAX_ENTRIES = 10_000;
/** A bound on how long a healthy process trusts an entry; invalidation does not depend on it. */
const MAX_AGE_MS = 5 * 60_000;
const RECONNECT_DELAY_MS = 1_000;
/** How long a kept role waits for the listening connection's answer before that connection counts as lost. */
const SYNC_TIMEOUT_MS = 2_000;

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
 *
 * A kept role is trusted only after a round trip on the listening connection that started after the lookup did
 * (`sync`): PostgreSQL sends a listener the notices committed before a query ahead of that query's answer, so a
 * change committed before the request came (in any process) has emptied the cache by then, however late this
 * process's connection would have delivered it on its own. Lookups waiting at once share one round trip.
 */
@Injectable()
export class ActorCache implements OnModuleDestroy {
  private readonly logger = new Logger(ActorCache.name);
  private readonly entries = new Map<string, Entry<unknown>>();
  private generation = 0;
  private notices = 0;
  /** The last round trip sent on the listening connection, and the one queued behind it. */
  private syncing: Promise<void> = Promise.resolve();
  private nextSync?: Promise<void>;
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
    if (entry && this.listening && Date.now() - entry.storedAt < MAX_AGE_MS) {
      const kept = this.generation;
      await this.sync();
      if (kept === this.generation) return entry.value as T;
    }
    const generation = this.generation;
    const value = await load();
    if (value !== undefined && this.listening && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, { value, storedAt: Date.now() });
    }
    return value;
  }

  /** Forgets everything: on a notice and on a lost connection. */
  private invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  /** How many notices this process has received (tests wait on it). */
  mark(): number {
    return this.notices;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.listening = false;
    await this.client?.end().catch(() => undefined);
  }

  private start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    void this.listen();
  }

  private async listen(): Promise<void> {
    // Same settings as the pool (URL, timeouts, application name), on a connection of its own.
    const options = pgPool(this.dataSource).options;
    const client = new Client({ ...options, query_timeout: SYNC_TIMEOUT_MS });
    this.client = client;
    client.on('notification', () => {
      this.notices++;
      this.invalidate();
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

  /**
   * Resolves once a round trip on the listening connection, sent after this call, has come back: the notices
   * committed before this call have been handled by then. A round trip already on its way may have left before
   * the call, so callers queue behind it and share the next one. A failed or slow one drops the connection.
   */
  private sync(): Promise<void> {
    this.nextSync ??= this.syncing.then(() => {
      this.nextSync = undefined;
      return (this.syncing = this.ping());
    });
    return this.nextSync;
  }

  private async ping(): Promise<void> {
    const client = this.client;
    if (!client || !this.listening) return;
    try {
      await client.query('');
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
