import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * now() is the start of the transaction: every entry a transaction writes (activated, deliverables
 * generated, ...) got the same created_at and listed in random order. clock_timestamp() keeps the
 * order in which they were written.
 */
export class ActivityLogStatementOrder1795630600000 implements MigrationInterface {
  name = 'ActivityLogStatementOrder1795630600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE activity_log ALTER COLUMN created_at SET DEFAULT clock_timestamp()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE activity_log ALTER COLUMN created_at SET DEFAULT now()`);
  }
}
