import { Cluster, Redis } from 'ioredis';
import { createRedisClient, parseRedisUrl } from './redis-url';

describe('parseRedisUrl', () => {
  it('reads one node with credentials, database and TLS', () => {
    expect(parseRedisUrl('rediss://app:p%40ss@cache.internal:6380/2')).toEqual({
      cluster: false,
      nodes: [{ host: 'cache.internal', port: 6380 }],
      options: { username: 'app', password: 'p@ss', db: 2, tls: {} },
    });
    expect(parseRedisUrl('redis://127.0.0.1').nodes).toEqual([{ host: '127.0.0.1', port: 6379 }]);
  });

  it('reads a cluster as its seed nodes, database 0', () => {
    expect(parseRedisUrl('redis+cluster://:secret@a.internal:7000, b.internal:7001,c.internal')).toEqual({
      cluster: true,
      nodes: [
        { host: 'a.internal', port: 7000 },
        { host: 'b.internal', port: 7001 },
        { host: 'c.internal', port: 6379 },
      ],
      options: { username: undefined, password: 'secret', db: 0, tls: undefined },
    });
    expect(parseRedisUrl('rediss+cluster://user:pw@a:1/').options).toMatchObject({ username: 'user', password: 'pw', tls: {} });
  });

  it('refuses what is not Redis', () => {
    expect(() => parseRedisUrl('http://a:1')).toThrow('not a Redis URL');
  });
});

describe('createRedisClient', () => {
  it('makes a Cluster for a cluster URL and a Redis otherwise, without connecting', () => {
    const cluster = createRedisClient('redis+cluster://a:7000,b:7001', { lazyConnect: true, enableOfflineQueue: false });
    const single = createRedisClient('redis://a:7000', { lazyConnect: true });
    expect(cluster).toBeInstanceOf(Cluster);
    expect((cluster as Cluster).options).toMatchObject({ enableOfflineQueue: false, redisOptions: { lazyConnect: true } });
    expect(single).toBeInstanceOf(Redis);
    expect(single.options).toMatchObject({ host: 'a', port: 7000 });
    cluster.disconnect();
    single.disconnect();
  });
});
