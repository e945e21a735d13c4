import { DataSource, EntityManager } from 'typeorm';

/** Runs SQL with TypeORM-style named parameters (`:now`), which may repeat, as one statement. */
export async function queryNamed<T>(runner: DataSource | EntityManager, sql: string, params: object): Promise<T[]> {
  const driver = runner instanceof DataSource ? runner.driver : runner.connection.driver;
  const [query, values] = driver.escapeQueryWithParameters(sql, params as Record<string, unknown>);
  return runner.query<T[]>(query, values);
}
