import { Cluster, ClusterOptions, Redis, RedisOptions } from 'ioredis';

/** One seed node of a cluster, or the one node of a single Redis. */
export interface RedisNode {
  host: string;
  port: number;
}

/** Where `REDIS_URL` points: one node, or a Redis Cluster known by some of its nodes. */
export interface RedisTarget {
  cluster: boolean;
  nodes: RedisNode[];
  /** Options of every node connection: credentials, database (always 0 on a cluster), TLS. */
  options: Pick<RedisOptions, 'username' | 'password' | 'db' | 'tls'>;
}

const clusterUrl = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/?#@]+)\/?$/;

/**
 * `redis://[user:pass@]host:port[/db]`, `rediss://` for TLS, or a Redis Cluster as
 * `redis+cluster://[user:pass@]host:port,host:port,...` (`rediss+cluster://` for TLS): any reachable
 * nodes of the cluster, the client discovers the rest (and follows failovers) from them.
 */
export function parseRedisUrl(url: string): RedisTarget {
  const cluster = clusterUrl.exec(url);
  if (!cluster) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error(`not a Redis URL: ${parsed.protocol}`);
    return {
      cluster: false,
      nodes: [{ host: parsed.hostname, port: Number(parsed.port || 6379) }],
      options: {
        ...credentials(parsed.username, parsed.password),
        db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
        tls: parsed.protocol === 'rediss:' ? {} : undefined,
      },
    };
  }
  const [, scheme, auth = '', hosts] = cluster;
  const [username = '', password = ''] = auth.includes(':') ? auth.split(/:(.*)/s) : ['', auth];
  const nodes = hosts.split(',').map((node) => {
    const parsed = new URL(`redis://${node.trim()}`);
    return { host: parsed.hostname, port: Number(parsed.port || 6379) };
  });
  return { cluster: true, nodes, options: { ...credentials(username, password), db: 0, tls: scheme === 'rediss' ? {} : undefined } };
}

function credentials(username: string, password: string): Pick<RedisOptions, 'username' | 'password'> {
  return {
    username: username ? decodeURIComponent(username) : undefined,
    password: password ? decodeURIComponent(password) : undefined,
  };
}

/**
 * Reconnection attempts every 0.2 s, 0.4 s, ... at most 2 s apart: ioredis' and BullMQ's defaults back off
 * to 20 s, which after an outage of half a minute left the apps up to 20 s behind a Redis that was back.
 */
export const redisRetryStrategy = (attempt: number): number => Math.min(attempt * 200, 2_000);

/** Options a cluster client adds to its node options: a failover (replica promoted) is followed in about a second. */
const clusterClientOptions: ClusterOptions = {
  clusterRetryStrategy: redisRetryStrategy,
  retryDelayOnFailover: 200,
  retryDelayOnClusterDown: 200,
  retryDelayOnTryAgain: 200,
  slotsRefreshTimeout: 2_000,
};

/**
 * A client for `url` with `overrides` applied to every node connection: a `Redis`, or a `Cluster`
 * when the URL names one. `enableOfflineQueue` is the cluster's own, every other override goes to its nodes.
 */
export function createRedisClient(url: string, overrides: RedisOptions = {}): Redis | Cluster {
  const { cluster, nodes, options } = parseRedisUrl(url);
  if (!cluster) return new Redis({ ...nodes[0], ...options, ...overrides });
  const { enableOfflineQueue, retryStrategy: _nodeRetries, ...nodeOptions } = overrides;
  const { db: _db, ...nodeDefaults } = options;
  return new Cluster(nodes, {
    ...clusterClientOptions,
    ...(enableOfflineQueue !== undefined && { enableOfflineQueue }),
    redisOptions: { ...nodeDefaults, ...nodeOptions },
  });
}
