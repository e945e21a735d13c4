import { ensureBuilt } from './build';
import { dropTestDatabases, prepareTemplateDatabase } from './test-database';

export default async function globalSetup(): Promise<void> {
  await dropTestDatabases('stale');
  await prepareTemplateDatabase();
  ensureBuilt();
}
