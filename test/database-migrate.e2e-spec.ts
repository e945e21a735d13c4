import { Client } from 'pg';
import { migrate, migrations } from '@app/database';
import { TEST_SERVER_URL } from './support/test-database';

describe(migrate.name, () => {
  const name = `acrm_test_migrate_${process.pid}`;
  const url = `${TEST_SERVER_URL}/${name}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: `${TEST_SERVER_URL}/postgres` });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('creates the database and applies every migration once, even when replicas start together', async () => {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const runs = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    expect(runs.map((applied) => applied.length).sort()).toEqual([0, 0, migrations.length]);
    expect(await migrate(url)).toEqual([]);
  });
});
