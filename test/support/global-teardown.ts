import { dropTestDatabases } from './test-database';

export default async function globalTeardown(): Promise<void> {
  await dropTestDatabases('this-run');
}
