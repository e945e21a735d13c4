import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payout links at the speed of the run (docs/payouts.md, bench/README.md): a run writes one payout_entries
 * row per entry it pays, and each row paid for a primary key (payout_id, cost_entry_id) and two foreign-key
 * triggers (a lookup and a row lock in payouts and in cost_entries per row) besides uq_payout_entries_live,
 * the guarantee ("an entry in at most one live payout"):
 * - the primary key goes: a payout's links are reached through its payee's ledger (relationships of the
 *   influencer, entries of the currency through the run's period end: ix_cost_entries_payable) and then
 *   uq_payout_entries_live by entry; released links, which that index does not hold, through
 *   ix_payout_entries_released, written only when a payout fails or is cancelled;
 * - the foreign key to payouts goes: links are written only by the run, from the payouts it inserts in the
 *   same statement, and payouts are never deleted (no route does).
 * The foreign key to cost_entries stays: PartitionedLedger (next) moves it to (cost_entry_id, incurred_on) and
 * relies on it (a paid entry cannot be deleted).
 */
export class PayoutEntriesLean1795648000000 implements MigrationInterface {
  name = 'PayoutEntriesLean1795648000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE payout_entries DROP CONSTRAINT payout_entries_pkey,
        DROP CONSTRAINT payout_entries_payout_id_fkey;
      CREATE INDEX ix_payout_entries_released ON payout_entries (payout_id) WHERE released;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX ix_payout_entries_released;
      DELETE FROM payout_entries l WHERE NOT EXISTS (SELECT 1 FROM payouts p WHERE p.id = l.payout_id);
      ALTER TABLE payout_entries ADD PRIMARY KEY (payout_id, cost_entry_id),
        ADD CONSTRAINT payout_entries_payout_id_fkey FOREIGN KEY (payout_id) REFERENCES payouts(id) ON DELETE CASCADE;
    `);
  }
}
