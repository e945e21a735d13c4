import 'reflect-metadata';
import { ConfigError, loadConfig, waitForLauncher } from '@app/config';
import { migrate } from '@app/database';
import { createApiApp } from './core/app.setup';

async function bootstrap(): Promise<void> {
  await waitForLauncher();
  const config = loadConfig();
  if (config.DB_MIGRATE_ON_START) await migrate(config.DATABASE_URL, (line) => console.log(line));
  const app = await createApiApp();
  await app.listen(config.PORT);
  const url = await app.getUrl();
  console.log(`API listening on ${url.replace('[::1]', 'localhost')}/v1 - docs at ${config.APP_URL}/docs`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
