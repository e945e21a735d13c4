import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { nestLogger } from '@app/logging';
import { WorkerModule } from './worker.module';

/**
 * Builds the worker exactly as it runs in production (main.ts); integration tests call this too. On
 * return the queue workers run and the optional health port listens.
 */
export async function createWorkerApp(
  env: Record<string, string | undefined> = process.env,
  options: { abortOnError?: boolean } = {},
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(env), {
    bufferLogs: true,
    abortOnError: options.abortOnError,
  });
  app.useLogger(nestLogger(app.get(Logger)));
  return app;
}
