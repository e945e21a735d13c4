import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig, waitForLauncher } from '@app/config';
import { migrate } from '@app/database';
import { JobWorkers } from '@app/queue';
import { createWorkerApp } from './worker.setup';

async function bootstrap(): Promise<void> {
  await waitForLauncher();
  const config = loadConfig();
  if (config.DB_MIGRATE_ON_START) await migrate(config.DATABASE_URL, (line) => console.log(line));
  const app = await createWorkerApp();
  // SIGTERM/SIGINT: close the queue workers (active jobs finish), then the queues and the database pool.
  // process.exit(0) afterwards (instead of re-raising the signal) lets pino flush and reports a clean stop.
  app.enableShutdownHooks([], { useProcessExit: true });
  const queues = app.get(JobWorkers).consumedQueues();
  new Logger('Worker').log(
    `worker started (queue backend: ${config.QUEUE_BACKEND}; consuming: ${queues.length ? queues.join(', ') : 'nothing yet'})`,
  );
  // Until a signal stops it. Without processors nothing else may hold the event loop: BullMQ's PostgreSQL
  // backend keeps no connection open for queues, and idle pool connections close after 10 s.
  setInterval(() => undefined, 2 ** 30);
  // Started by the zero-config launcher (child_process.fork): tell it we are up.
  process.send?.({ type: 'ready', app: 'worker' });
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
