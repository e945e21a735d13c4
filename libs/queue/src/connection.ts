import { ConnectionOptions, createIORedisClient, createPostgresBackend, RedisConnection, setDefaultBackendFactory } from 'bullmq';
import { Redis, RedisOptions } from 'ioredis';
import { AppConfig } from '@app/config';
import { createRedisClient, parseRedisUrl, redisRetryStrategy } from './redis-url';

/**
 * ioredis options from a redis:// URL (BullMQ duplicates connections, so it wants options, not a client).
 * Reconnection as `redisRetryStrategy` says.
 * A `redis+cluster://` URL gives options naming it as `clusterUrl`, which `useClusterClients` turns into clients.
 */
export function redisOptionsFromUrl(url: string): ConnectionOptions {
  const { cluster, nodes, options } = parseRedisUrl(url);
  // A cluster's first node stays in as host and port: should the cluster factory be missing, BullMQ talks to
  // that node and fails loudly (MOVED) instead of falling back to a default 127.0.0.1:6379.
  return { ...nodes[0], ...(cluster && { clusterUrl: url }), ...options, maxRetriesPerRequest: null, retryStrategy: redisRetryStrategy };
}

/**
 * BullMQ builds each connection (a queue's, a worker's blocking one, ...) from options with `new Redis`;
 * on a cluster it must be a `Cluster`. Its client factory is process-wide, like the backend factory, so it
 * is set (or cleared) once per process here. Each BullMQ object still owns and closes its own clients.
 */
function useClusterClients(enabled: boolean): void {
  RedisConnection.clientFactory = enabled
    ? (opts) => {
        const { clusterUrl, host: _host, port: _port, retryStrategy: _retries, ...nodeOptions } = opts;
        return createIORedisClient(clusterUrl ? createRedisClient(String(clusterUrl), nodeOptions) : new Redis(opts as RedisOptions));
      }
    : undefined;
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
  useClusterClients(parseRedisUrl(config.REDIS_URL).cluster);
  return { connection: redisOptionsFromUrl(config.REDIS_URL), prefix: config.QUEUE_PREFIX };
}
