import { resolve } from 'node:path';
import { ConfigError } from '@app/config';

type Env = Record<string, string | undefined>;

/** A startup problem the user can fix: printed as a message, without a stack trace. */
export class LaunchError extends Error {}

/** Port of the embedded PostgreSQL unless EMBEDDED_PG_PORT says otherwise (taken: a free port is used). */
export const DEFAULT_EMBEDDED_PG_PORT = 54329;
export const EMBEDDED_DATABASE = 'ambassador_crm';

/** Settings of the launcher itself (the apps' settings are AppConfig's, validated by the apps). */
export interface LauncherSettings {
  /** DATA_DIR (default `.data`): embedded PostgreSQL in `pg/`, mail in `outbox/`, `runtime.json`, `secrets.json`. */
  dataDir: string;
  /** EMBEDDED_PG_PORT: a fixed port, 0 for any free port, undefined for 54329 or a free one when taken. */
  embeddedPgPort?: number;
  /** DB_MIGRATE_ON_START (default true here): the launcher migrates once, before starting the apps. */
  migrate: boolean;
  /** DATABASE_URL unset: run an embedded PostgreSQL. */
  embedded: boolean;
  /** LOG_LEVEL debug/trace also shows every PostgreSQL log line. */
  verbose: boolean;
}

const set = (env: Env, key: string): string | undefined => (env[key] === undefined || env[key] === '' ? undefined : env[key]);

export function readLauncherSettings(env: Env, cwd = process.cwd()): LauncherSettings {
  const errors: string[] = [];
  const portText = set(env, 'EMBEDDED_PG_PORT');
  let embeddedPgPort: number | undefined;
  if (portText !== undefined) {
    embeddedPgPort = /^\d+$/.test(portText) ? Number(portText) : NaN;
    if (!(embeddedPgPort >= 0 && embeddedPgPort <= 65535))
      errors.push(`  EMBEDDED_PG_PORT: must be a port number 0-65535, 0 for any free port (got ${JSON.stringify(portText)})`);
  }
  const migrateText = (set(env, 'DB_MIGRATE_ON_START') ?? 'true').toLowerCase();
  if (!['1', 'true', 'yes', '0', 'false', 'no'].includes(migrateText))
    errors.push(`  DB_MIGRATE_ON_START: must be a boolean value (got ${JSON.stringify(env.DB_MIGRATE_ON_START)})`);
  if (errors.length) throw new ConfigError(`Invalid configuration:\n${errors.join('\n')}`);
  return {
    dataDir: resolve(cwd, set(env, 'DATA_DIR') ?? '.data'),
    embeddedPgPort,
    migrate: ['1', 'true', 'yes'].includes(migrateText),
    embedded: set(env, 'DATABASE_URL') === undefined,
    verbose: ['debug', 'trace'].includes(set(env, 'LOG_LEVEL') ?? ''),
  };
}

/**
 * The environment of the api and worker children: the caller's environment plus the zero-config
 * defaults for what it leaves unset. Migrations already ran in the launcher, so the children skip them.
 */
export function composeChildEnv(
  env: Env,
  settings: LauncherSettings,
  resolved: { databaseUrl: string; jwtSecret: string },
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value;
  out.DATABASE_URL = resolved.databaseUrl;
  out.QUEUE_BACKEND ??= out.REDIS_URL ? 'redis' : 'postgres';
  out.DB_MIGRATE_ON_START = 'false';
  out.MAIL_OUTBOX_DIR ??= resolve(settings.dataDir, 'outbox');
  out.PORT ??= '3000';
  out.APP_URL ??= `http://localhost:${out.PORT}`;
  out.JWT_SECRET ??= resolved.jwtSecret;
  return out;
}

export function embeddedDatabaseUrl(port: number, password: string): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
}

/** A URL fit for printing: the password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
