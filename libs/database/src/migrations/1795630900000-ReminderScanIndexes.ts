import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * deliverables.scan looks for content waiting for approval (status submitted, submitted more than two
 * days ago) every hour: a partial index keeps that a short range scan however many deliverables exist.
 * The other scans use ix_contracts_active_end and ix_deliverables_open_due.
 */
export class ReminderScanIndexes1795630900000 implements MigrationInterface {
  name = 'ReminderScanIndexes1795630900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_deliverables_submitted_at ON deliverables (submitted_at) WHERE status = 'submitted'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_deliverables_submitted_at`);
  }
}
