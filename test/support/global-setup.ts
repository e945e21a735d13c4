import { ensureBuilt } from './build';
import { startRunReplicaPair } from './postgres-replica';
import { dropTestDatabases, prepareTemplateDatabase } from './test-database';

export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_READ_REPLICA === '1') await startRunReplicaPair();
  await dropTestDatabases('stale');
  await prepareTemplateDatabase();
  ensureBuilt();
}
