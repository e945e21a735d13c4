import { ConnectionOptions, createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { AppConfig } from '@app/config';

/**
 * ioredis options from a redis:// URL (BullMQ duplicates connections, so it wants options, not a client).
 * Reconnection attempts every 0.2 s, 0.4 s, ... at most 2 s apart: BullMQ's default backs off to 20 s, which
 * after an outage of half a minute left the apps up to 20 s behind a Redis that was back.
 */
export function redisOptionsFromUrl(url: string): ConnectionOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
  };
}

/**
 * Redis in production; the zero-config mode runs BullMQ on PostgreSQL instead. The backend factory is
 * process-wide in BullMQ, so it is chosen once here, before any queue is created.
 */
export function queueConnection(config: AppConfig): { connection: ConnectionOptions; prefix: string } {
  if (config.QUEUE_BACKEND === 'postgres') {
    setDefaultBackendFactory(createPostgresBackend);
    const connection = { connectionString: config.DATABASE_URL, migrate: true, schema: 'bullmq', max: 5 };
    return { connection: connection as unknown as ConnectionOptions, prefix: config.QUEUE_PREFIX };
  }
  setDefaultBackendFactory();
  return { connection: redisOptionsFromUrl(config.REDIS_URL), prefix: config.QUEUE_PREFIX };
}
