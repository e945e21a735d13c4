import { execFileSync } from 'node:child_process';

/** The apps' variables a machine with nothing configured leaves unset (the launcher's zero-config defaults apply). */
const APP_VARIABLES = [
  'DATABASE_URL',
  'REDIS_URL',
  'QUEUE_BACKEND',
  'QUEUE_PREFIX',
  'SMTP_URL',
  'MAIL_OUTBOX_DIR',
  'JWT_SECRET',
  'APP_URL',
  'NODE_ENV',
  'DB_MIGRATE_ON_START',
  'WORKER_HEALTH_PORT',
  'EMBEDDED_PG_PORT',
  'DATA_DIR',
];

/** This process's environment without any of the apps' settings (nor npm's), plus `set`: what `npm start` sees on a fresh machine. */
export function zeroConfigEnv(set: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !APP_VARIABLES.includes(key) && !key.startsWith('npm_')));
  return { ...env, ...set };
}

/** PIDs of processes whose command line mentions the directory (the embedded server runs `postgres -D <dir>/pg`). */
export function processesUsing(dir: string): number[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(dir))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

/** Last resort after a failed test: SIGKILL whatever still runs from the directory. */
export function killProcessesUsing(dir: string): void {
  for (const pid of processesUsing(dir)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
