import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * DATA_DIR/runtime.json: where the stack started by `npm start` runs, for `npm run demo` and other
 * scripts. Written once the api and worker are ready, removed when the launcher stops.
 */
export interface RuntimeInfo {
  pid: number;
  startedAt: string;
  /** Server root: routes live under `${apiUrl}/v1`, plus /docs and /health. */
  apiUrl: string;
  v1Url: string;
  docsUrl: string;
  openApiUrl: string;
  healthUrl: string;
  databaseUrl: string;
  embeddedPostgres: boolean;
  queueBackend: 'redis' | 'postgres';
  redisUrl?: string;
  mailOutboxDir?: string;
  dataDir: string;
}

export function runtimeFile(dataDir: string): string {
  return join(dataDir, 'runtime.json');
}

export function writeRuntimeInfo(dataDir: string, info: RuntimeInfo): void {
  // It holds the database password: readable by its owner only; renamed into place whole.
  const tmp = `${runtimeFile(dataDir)}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, runtimeFile(dataDir));
}

/** The running stack's info, or undefined when none is recorded or its launcher is gone. */
export function readRuntimeInfo(dataDir: string): RuntimeInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(runtimeFile(dataDir), 'utf8')) as RuntimeInfo;
    process.kill(info.pid, 0);
    return info;
  } catch {
    return undefined;
  }
}

/** Removes runtime.json if this process wrote it. */
export function removeRuntimeInfo(dataDir: string): void {
  try {
    const info = JSON.parse(readFileSync(runtimeFile(dataDir), 'utf8')) as RuntimeInfo;
    if (info.pid === process.pid) rmSync(runtimeFile(dataDir), { force: true });
  } catch {
    // Nothing recorded.
  }
}

/**
 * DATA_DIR/secrets.json: generated once, so the zero-config stack does not run on public defaults.
 * The embedded PostgreSQL's password is fixed at its initialisation; the JWT secret keeps sessions
 * valid across restarts. JWT_SECRET in the environment still wins.
 */
export interface LocalSecrets {
  postgresPassword: string;
  jwtSecret: string;
}

export function loadOrCreateSecrets(dataDir: string, clusterDir?: string): LocalSecrets {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
    if (stored.postgresPassword && stored.jwtSecret) return stored as LocalSecrets;
  }
  if (clusterDir && existsSync(join(clusterDir, 'PG_VERSION'))) {
    throw new Error(`${clusterDir} was initialised with the password kept in ${file}, which is missing or damaged: restore it, or delete ${clusterDir} to start with an empty database`);
  }
  const secrets: LocalSecrets = { postgresPassword: randomBytes(18).toString('base64url'), jwtSecret: randomBytes(32).toString('hex') };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
