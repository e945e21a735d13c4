import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Cluster, Redis } from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { AppConfig } from '@app/config';
import { createRedisClient, redisRetryStrategy } from '@app/queue';

export interface LimitSpec {
  /** Part of the key, e.g. `api` or `login-email`. */
  name: string;
  points: number;
  durationSeconds: number;
}

/**
 * Where rate-limit counters live. With Redis (production) every api replica shares them. The client
 * fails fast instead of queueing: a command while disconnected is refused at once, a stalled Redis
 * times out after 500 ms, and each limiter then answers from an in-memory insurance limiter (the same
 * budget per process), so a Redis outage never blocks or fails a request; it is logged once per outage.
 * With QUEUE_BACKEND=postgres (the zero-config launcher: one api process) counters stay in memory:
 * a store in PostgreSQL would add a write per request, and that mode runs one replica.
 */
@Injectable()
export class RateLimitStore implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  private readonly redis?: Redis | Cluster;
  private outage = false;
  private closing = false;

  constructor(private readonly config: AppConfig) {
    if (config.QUEUE_BACKEND === 'redis') this.redis = this.connect();
  }

  limiter({ name, points, durationSeconds }: LimitSpec): RateLimiterAbstract {
    // Under the queue prefix without its braces: test files (each its own prefix) never share counters.
    const options = { keyPrefix: `${this.config.QUEUE_PREFIX.slice(1, -1)}:rl:${name}`, points, duration: durationSeconds };
    const memory = new RateLimiterMemory(options);
    if (!this.redis) return memory;
    return new RateLimiterRedis({ ...options, storeClient: this.redis, rejectIfRedisNotReady: true, insuranceLimiter: memory });
  }

  onApplicationShutdown(): void {
    this.closing = true;
    this.redis?.disconnect();
  }

  private connect(): Redis | Cluster {
    // Counter keys carry no hash tag: on a cluster they spread over all masters (each command has one key).
    // Auto-pipelining: the counts of the requests of one event-loop turn go to Redis in one write and come back in
    // one read, instead of a write and a read per budget per request (bench/api-read, two budgets per request).
    const client = createRedisClient(this.config.REDIS_URL, {
      enableAutoPipelining: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      commandTimeout: 500,
      connectTimeout: 2_000,
      retryStrategy: redisRetryStrategy,
    });
    const lost = (reason: string) => {
      if (this.outage || this.closing) return;
      this.outage = true;
      this.logger.warn(`Redis unreachable (${reason}): rate limits fall back to per-process memory until it is back`);
    };
    client.on('error', (error: Error) => lost(error.message));
    client.on('close', () => lost('connection closed'));
    client.on('ready', () => {
      if (!this.outage) return;
      this.outage = false;
      this.logger.log('Redis is back: rate limits are shared again');
    });
    return client;
  }
}
