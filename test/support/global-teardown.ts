import { stopRunReplicaPair } from './postgres-replica';
import { dropTestDatabases } from './test-database';

export default async function globalTeardown(): Promise<void> {
  // A read-replica run's databases go with its private servers.
  if (await stopRunReplicaPair()) return;
  await dropTestDatabases('this-run');
}
