import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * - `cancelled`: a renewal drafted as term n+1 becomes moot when term n is terminated. It is marked, not
 *   deleted: hand-added deliverables may reference it (FK RESTRICT) and the chain keeps the proposal.
 *   The inline status check gets a name of its own so later changes can address it.
 * - `termination_reason`: terminate requires a reason; it belongs to the term, not only to the log.
 */
export class ContractLifecycleDetails1795630500000 implements MigrationInterface {
  name = 'ContractLifecycleDetails1795630500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE contracts DROP CONSTRAINT contracts_status_check;
      ALTER TABLE contracts ADD CONSTRAINT ck_contracts_status CHECK (status IN ('draft','active','renewed','ended','terminated','cancelled'));
      ALTER TABLE contracts ADD COLUMN termination_reason text;
    `);
  }

  /** Cancelled terms were drafts that never took effect: they return to draft. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE contracts DROP COLUMN termination_reason;
      UPDATE contracts SET status = 'draft' WHERE status = 'cancelled';
      ALTER TABLE contracts DROP CONSTRAINT ck_contracts_status;
      ALTER TABLE contracts ADD CONSTRAINT contracts_status_check CHECK (status IN ('draft','active','renewed','ended','terminated'));
    `);
  }
}
