import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
// Relative: jest's globalSetup runs outside the module mapper.
import { migrate } from '../../database/src/migrate';

/** The server tests run against; CI and this machine have PostgreSQL here with trust auth. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const TEMPLATE_DB = 'acrm_test_template';

function urlFor(database: string): string {
  return `${TEST_SERVER_URL.replace(/\/$/, '')}/${database}`;
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: urlFor('postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Run once per test run (jest globalSetup): a migrated template that every test file clones. */
export async function prepareTemplateDatabase(): Promise<void> {
  await admin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  });
  await migrate(urlFor(TEMPLATE_DB));
}

/** Each test file gets its own database, cloned from the template in ~100 ms, so files never collide. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `acrm_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`));
  return { url: urlFor(name), drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
}

/** Leftovers of runs that were killed before their afterAll. */
export async function dropStaleTestDatabases(): Promise<void> {
  await admin(async (client) => {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'acrm\\_test\\_%' AND datname <> $1`, [TEMPLATE_DB]);
    for (const row of rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  });
}
