import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RuntimeInfo, runtimeFile } from '@app/config';

/** Records the running stack (RuntimeInfo, read by scripts and `npm run cli` through @app/config). */
export function writeRuntimeInfo(dataDir: string, info: RuntimeInfo): void {
  // It holds the database password: readable by its owner only; renamed into place whole.
  const tmp = `${runtimeFile(dataDir)}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, runtimeFile(dataDir));
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
    throw new Error(
      `${clusterDir} was initialised with the password kept in ${file}, which is missing or damaged: restore it, or delete ${clusterDir} to start with an empty database`,
    );
  }
  const secrets: LocalSecrets = { postgresPassword: randomBytes(18).toString('base64url'), jwtSecret: randomBytes(32).toString('hex') };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
