import type { Pool, QueryResult } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';

/**
 * A statement PostgreSQL plans once per pooled connection instead of once per call: `DataSource.query` sends
 * an unnamed statement, planned every time. For the few statements a hot job runs per item (a notification
 * send runs two per email) planning cost more than executing. Outside any transaction (it takes a pooled
 * connection of its own); errors are TypeORM's QueryFailedError, as from `DataSource.query`.
 */
export class PreparedStatement<Row> {
  constructor(
    readonly name: string,
    readonly text: string,
  ) {}

  async run(db: DataSource, values: unknown[]): Promise<QueryResult<Row & object>> {
    const pool = (db.driver as unknown as { master: Pool }).master;
    try {
      return await pool.query<Row & object>({ name: this.name, text: this.text, values });
    } catch (error) {
      throw new QueryFailedError(this.text, values, error as Error);
    }
  }
}
