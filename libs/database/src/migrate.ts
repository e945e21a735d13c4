import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Any fixed key: it only has to be the same in every process that migrates this database. */
const MIGRATION_LOCK_KEY = 7_301_990_417;

/**
 * Applies pending migrations; creates the database first when the server has none of that name.
 * TypeORM takes no lock, so replicas starting together serialise on an advisory lock held by a
 * connection of its own; the ones that wait then find nothing pending.
 */
export async function migrate(url: string, log: (line: string) => void = () => undefined): Promise<string[]> {
  await ensureDatabase(url);
  const lock = new Client({ connectionString: url });
  await lock.connect();
  const dataSource = new DataSource(dataSourceOptions(url));
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const m of applied) log(`migration applied: ${m.name}`);
    return applied.map((m) => m.name);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await lock.end();
  }
}

export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const dataSource = new DataSource({ type: 'postgres', url: admin.toString() });
  await dataSource.initialize();
  try {
    const rows: unknown[] = await dataSource.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length === 0) await dataSource.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (error) {
    // Another process created it between our check and our CREATE: 42P04, or 23505 on pg_database.
    const code = (error as { driverError?: { code?: string } }).driverError?.code;
    if (code !== '42P04' && code !== '23505') throw error;
  } finally {
    await dataSource.destroy();
  }
}
