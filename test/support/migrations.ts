import { execFileSync } from 'node:child_process';
import { DataSource, MigrationInterface } from 'typeorm';
import { dataSourceOptions, migrations } from '@app/database';
import { withSql } from './daily-stats-fixtures';
import { TEST_SERVER_URL } from './test-database';

/** One migration of the list, by its class name, for tests of its up and down. */
export function migrationNamed(name: string): MigrationInterface {
  const found = migrations.find((migration) => migration.name === name);
  if (!found) throw new Error(`No migration named ${name} in @app/database's list`);
  return new found();
}

/** Runs one migration's up or down on `dataSource` in a transaction of its own, as the migration runner does. */
export async function runMigrationStep(dataSource: DataSource, name: string, step: 'up' | 'down'): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await migrationNamed(name)[step](runner);
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

/** The database's schema as pg_dump prints it, without the lines that differ from one dump to the next. */
export function schemaOf(url: string): string {
  return execFileSync('pg_dump', ['--schema-only', '--no-owner', url], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => !/^\\(un)?restrict /.test(line) && !line.startsWith('-- Dumped'))
    .join('\n');
}

/**
 * An empty database `name` of the same server migrated by every migration but `without`, for `use` (its DataSource,
 * open, and its URL); dropped after.
 */
export async function withReferenceDatabase<T>(
  name: string,
  without: string[],
  use: (earlier: DataSource, url: string) => Promise<T>,
): Promise<T> {
  const url = `${TEST_SERVER_URL}/${name}`;
  await withSql(`${TEST_SERVER_URL}/postgres`, (c) => c.query(`CREATE DATABASE ${name}`));
  const earlier = new DataSource({ ...dataSourceOptions(url), migrations: migrations.filter((m) => !without.includes(m.name)) });
  try {
    await earlier.initialize();
    await earlier.runMigrations({ transaction: 'each' });
    // The app's DataSource (entities with uuid keys) added it to the test databases.
    await earlier.query('CREATE EXTENSION IF NOT EXISTS "uuid-ossp"');
    return await use(earlier, url);
  } finally {
    if (earlier.isInitialized) await earlier.destroy();
    await withSql(`${TEST_SERVER_URL}/postgres`, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}
