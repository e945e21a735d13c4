import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { migrations } from './migrations';

/** DB_CONNECT_TIMEOUT_MS's default, for the callers without a config (migrations, jest's global set-up, which loads this file without the @app path aliases). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/**
 * How long an idle pooled connection stays open. pg-pool's default, 10 s, is shorter than the worker's
 * every-minute rollup sweep and every pause of a quiet API: each then met new backends, whose first statements
 * load the catalog caches and plan again (a sweep's first recompute on a new connection 174-285 ms, 16-61 ms
 * after it, bench/README rollup), and the prepared statements (the influencer page, the sweep's recompute) were
 * lost with them. Two minutes outlast the sweep's period; the pool's `max` still bounds the connections.
 */
export const POOL_IDLE_TIMEOUT_MS = 120_000;

/**
 * Entities are registered by each context module through TypeOrmModule.forFeature (autoLoadEntities).
 * `connectTimeoutMs` bounds both opening a connection and waiting for a free one of the pool (pg-pool's
 * connectionTimeoutMillis): without it an unreachable server hangs every query that needs a connection.
 */
export function dataSourceOptions(
  url: string,
  connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS,
  entities: DataSourceOptions['entities'] = [],
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    connectTimeoutMS: connectTimeoutMs,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: 20, idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS, application_name: 'ambassador-crm' },
  };
}
