import type { Pool, PoolClient, QueryResult } from 'pg';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

/** The `pg` pool behind a TypeORM data source (its writer's, with a read replica configured). */
export const pgPool = (db: DataSource): Pool => (db.driver as unknown as { master: Pool }).master;

/**
 * A statement PostgreSQL plans once per pooled connection instead of once per call: `DataSource.query` sends
 * an unnamed statement, planned every time. For the few statements a hot job runs per item (a notification
 * send runs two per email) planning cost more than executing. `run` takes a pooled connection of its own,
 * outside any transaction; `runIn` runs on a transaction's connection. Errors are TypeORM's
 * QueryFailedError, as from `DataSource.query`.
 */
export class PreparedStatement<Row> {
  constructor(
    readonly name: string,
    readonly text: string,
  ) {}

  run(db: DataSource, values: unknown[]): Promise<QueryResult<Row & object>> {
    return this.on(pgPool(db), values);
  }

  /** Inside `manager`'s transaction (DataSource.transaction's manager has its query runner). */
  async runIn(manager: EntityManager, values: unknown[]): Promise<QueryResult<Row & object>> {
    if (!manager.queryRunner) throw new Error(`prepared statement ${this.name}: runIn needs a transaction's manager`);
    return this.on((await manager.queryRunner.connect()) as PoolClient, values);
  }

  private async on(connection: Pool | PoolClient, values: unknown[]): Promise<QueryResult<Row & object>> {
    try {
      return await connection.query<Row & object>({ name: this.name, text: this.text, values });
    } catch (error) {
      throw new QueryFailedError(this.text, values, error as Error);
    }
  }
}
