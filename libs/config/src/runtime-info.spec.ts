import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuntimeInfo, runtimeFile, withRunningStack } from './runtime-info';

describe(withRunningStack.name, () => {
  let dataDir: string;
  const record = (pid: number, over: Partial<RuntimeInfo> = {}) =>
    writeFileSync(
      runtimeFile(dataDir),
      JSON.stringify({ pid, databaseUrl: 'postgres://stack/db', queueBackend: 'postgres', dataDir, ...over }),
    );

  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'acrm-runtime-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("takes the running stack's database and queue backend when the command names none", () => {
    record(process.pid);

    const { env, stack } = withRunningStack({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });

    expect(env).toEqual({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: 'postgres://stack/db', QUEUE_BACKEND: 'postgres' });
    expect(stack?.pid).toBe(process.pid);
  });

  it("takes the stack's Redis when its queues are there", () => {
    record(process.pid, { queueBackend: 'redis', redisUrl: 'redis://stack:6379' });

    expect(withRunningStack({ DATA_DIR: dataDir }).env).toMatchObject({ QUEUE_BACKEND: 'redis', REDIS_URL: 'redis://stack:6379' });
  });

  it('keeps settings the command names, and ignores a stack that is gone or was never started', () => {
    record(process.pid);
    for (const key of ['DATABASE_URL', 'REDIS_URL', 'QUEUE_BACKEND']) {
      const own = { DATA_DIR: dataDir, [key]: 'own' };
      expect(withRunningStack(own)).toEqual({ env: own });
    }

    record(2 ** 22 + 1); // above Linux's pid_max: no such process
    expect(withRunningStack({ DATA_DIR: dataDir })).toEqual({ env: { DATA_DIR: dataDir } });

    rmSync(runtimeFile(dataDir));
    expect(withRunningStack({ DATA_DIR: dataDir })).toEqual({ env: { DATA_DIR: dataDir } });
  });
});
