import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * DATA_DIR/runtime.json: where the stack started by `npm start` runs, for `npm run demo`, `npm run cli` and
 * other scripts. Written by the launcher once the api and worker are ready, removed when it stops.
 */
export interface RuntimeInfo {
  pid: number;
  startedAt: string;
  /** Server root: routes live under `${apiUrl}/v1`, plus /docs and /health. */
  apiUrl: string;
  /** The manager console (apps/web), served by the api. */
  consoleUrl: string;
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

/**
 * The queue settings of a command run beside the stack: its own when it names a database, Redis or queue
 * backend; else those of the stack `npm start` runs in DATA_DIR, if one does (the zero-config stack keeps
 * its queues in its embedded PostgreSQL, which the defaults would miss); else its own defaults.
 */
export function withRunningStack(
  env: Record<string, string | undefined>,
  cwd = process.cwd(),
): { env: Record<string, string | undefined>; stack?: RuntimeInfo } {
  if (['DATABASE_URL', 'REDIS_URL', 'QUEUE_BACKEND'].some((key) => env[key])) return { env };
  const stack = readRuntimeInfo(resolve(cwd, env.DATA_DIR || '.data'));
  if (!stack) return { env };
  return {
    env: {
      ...env,
      DATABASE_URL: stack.databaseUrl,
      QUEUE_BACKEND: stack.queueBackend,
      ...(stack.redisUrl && { REDIS_URL: stack.redisUrl }),
    },
    stack,
  };
}
