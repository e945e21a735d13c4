import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
// Relative: jest's globalSetup runs outside the module mapper.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { migrate } from '../../libs/database/src/migrate';

/** The server tests run against; CI and this machine have PostgreSQL here with trust auth. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
/**
 * Each jest run has its own template and databases, named after the run's process id, so two runs on
 * one machine (two developers, or a developer and CI) never drop each other's databases.
 */
const RUN = process.env.ACRM_TEST_RUN ?? String(process.pid);
const templateOf = (run: string) => `acrm_tpl_${run}`;

function urlFor(database: string): string {
  // Read when called: `npm run test:read-replica` points it at a server its global set-up starts.
  const server = process.env.TEST_DATABASE_SERVER_URL ?? TEST_SERVER_URL;
  return `${server.replace(/\/$/, '')}/${database}`;
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

/** jest globalSetup: a migrated template that every test file of this run clones. */
export async function prepareTemplateDatabase(): Promise<void> {
  process.env.ACRM_TEST_RUN = RUN;
  await admin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${templateOf(RUN)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${templateOf(RUN)}`);
  });
  await migrate(urlFor(templateOf(RUN)));
}

/** Each test file gets its own database, cloned from the template in ~100 ms, so files never collide. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `acrm_test_${RUN}_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${templateOf(RUN)}`));
  return {
    url: urlFor(name),
    // A read-replica run keeps them until its private servers go, so its teardown can count the replica's reads.
    drop: async () => {
      if (!process.env.TEST_DATABASE_READ_SERVER_URL) await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Databases of this run (teardown), or of runs whose process is gone (killed before their teardown). */
export async function dropTestDatabases(which: 'this-run' | 'stale'): Promise<void> {
  await admin(async (client) => {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname ~ '^acrm_(test|tpl)_[0-9]+'`);
    for (const { datname } of rows) {
      const run = Number(/^acrm_(?:test|tpl)_(\d+)/.exec(datname)?.[1]);
      if (which === 'this-run' ? String(run) === RUN : !alive(run)) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}
