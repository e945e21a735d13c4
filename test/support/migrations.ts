import { MigrationInterface } from 'typeorm';
import { migrations } from '@app/database';

/** One migration of the list, by its class name, for tests of its up and down. */
export function migrationNamed(name: string): MigrationInterface {
  const found = migrations.find((migration) => migration.name === name);
  if (!found) throw new Error(`No migration named ${name} in @app/database's list`);
  return new found();
}
