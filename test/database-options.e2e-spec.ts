import { createServer, Server, Socket } from 'node:net';
import { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from '@app/common';
import { loadConfig } from '@app/config';
import { dataSourceOptions } from '@app/database';
import { TEST_SERVER_URL } from './support/test-database';

/** Accepts TCP connections and never answers: a PostgreSQL behind a blackholing firewall or a hung host. */
async function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => void sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/acrm`,
    close: () => new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve()))),
  };
}

describe(dataSourceOptions.name, () => {
  it('passes DB_CONNECT_TIMEOUT_MS (default 5 s) to the pool', () => {
    expect(loadConfig({}).DB_CONNECT_TIMEOUT_MS).toBe(5_000);
    expect(loadConfig({ DB_CONNECT_TIMEOUT_MS: '1500' }).DB_CONNECT_TIMEOUT_MS).toBe(1_500);
    expect(() => loadConfig({ DB_CONNECT_TIMEOUT_MS: '0' })).toThrow(/DB_CONNECT_TIMEOUT_MS/);
    expect(dataSourceOptions('postgres://x/y')).toMatchObject({ connectTimeoutMS: 5_000 });
    expect(dataSourceOptions('postgres://x/y', 1_500)).toMatchObject({ connectTimeoutMS: 1_500 });
  });

  it('gives up on a server that never answers after the timeout, with an error the API maps to 503', async () => {
    // Prepare
    const silent = await silentServer();
    const dataSource = new DataSource(dataSourceOptions(silent.url, 300));
    try {
      // Act
      const started = performance.now();
      const error = await dataSource.initialize().then(
        () => undefined,
        (e: unknown) => e,
      );

      // Assert
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(String(error)).toMatch(/timeout/i);
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
      await silent.close();
    }
  });

  it('bounds the wait for a free connection of a full pool too', async () => {
    const dataSource = await new DataSource({ ...dataSourceOptions(`${TEST_SERVER_URL}/postgres`, 300), extra: { max: 1 } }).initialize();
    try {
      const holder = dataSource.createQueryRunner();
      await holder.connect();
      const error = await dataSource.query('SELECT 1').then(
        () => undefined,
        (e: unknown) => e,
      );
      await holder.release();
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await dataSource.destroy();
    }
  });

  it("keeps an idle connection past pg-pool's 10 s default, so the minute sweep meets its warmed backend again", async () => {
    const dataSource = await new DataSource(dataSourceOptions(`${TEST_SERVER_URL}/postgres`)).initialize();
    try {
      const backend = async () => ((await dataSource.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[])[0].pid;
      const first = await backend();
      await new Promise((resolve) => setTimeout(resolve, 11_000));
      expect(await backend()).toBe(first);
    } finally {
      await dataSource.destroy();
    }
  }, 30_000);
});
