import { MigrationInterface, QueryRunner } from 'typeorm';

const PAYABLE = `'retainer','deliverable_fee','commission','bonus','adjustment'`;

/**
 * A span no longer keeps one of its entries for a foreign key into the ledger (bench/README.md, payouts):
 * - `payout_entries_cost_entry_id_fkey` (cost_entry_id, incurred_on) -> cost_entries was checked once per span a
 *   run writes, against the partitioned ledger (a generic plan that locks every partition): the largest single
 *   cost of a run, ~0.5 s per 10,000 payouts on a quiet machine, 2-4 s under load, and choosing the anchor (the
 *   earliest dated entry, an array aggregate over every entry) cost more. It guaranteed little: one entry of a
 *   span could not be deleted, the others could. What it meant to keep, "an entry in a payout cannot go", now
 *   holds for every entry: `tr_cost_entries_keep_paid`, a constraint trigger (deferrable like the key was, so
 *   ledger_partition_create's move of a month out of DEFAULT passes) refuses to delete, or re-key, a payable
 *   entry that a live span covers once the statement (or transaction, deferred) ends without it. It costs a delete,
 *   which the ledger never does (corrections are new entries), one probe of ex_payout_entries_live; a run nothing.
 * - "An entry is in at most one live payout" is unchanged: ex_payout_entries_live.
 * Down puts the anchors back (each span's earliest dated entry, as PayoutSpans chose it), in the table's earlier
 * column order, and the key.
 */
export class PayoutSpansUnanchored1795657000000 implements MigrationInterface {
  name = 'PayoutSpansUnanchored1795657000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE payout_entries DROP CONSTRAINT payout_entries_cost_entry_id_fkey, DROP COLUMN cost_entry_id, DROP COLUMN incurred_on;
      CREATE FUNCTION cost_entries_keep_paid() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF EXISTS (SELECT 1 FROM payout_entries l WHERE l.relationship_id = OLD.relationship_id AND l.currency = OLD.currency
                     AND l.seqs @> OLD.seq AND NOT l.released)
           AND NOT EXISTS (SELECT 1 FROM cost_entries e WHERE e.id = OLD.id AND e.incurred_on = OLD.incurred_on) THEN
          RAISE EXCEPTION 'cost entry % (%) is in a payout: it cannot be deleted or re-keyed', OLD.id, OLD.incurred_on
            USING ERRCODE = 'foreign_key_violation', TABLE = 'payout_entries', CONSTRAINT = 'tr_cost_entries_keep_paid';
        END IF;
        RETURN NULL;
      END $fn$;
      CREATE CONSTRAINT TRIGGER tr_cost_entries_keep_paid AFTER DELETE OR UPDATE OF id, incurred_on ON cost_entries
        DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW WHEN (OLD.kind IN (${PAYABLE})) EXECUTE FUNCTION cost_entries_keep_paid();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER tr_cost_entries_keep_paid ON cost_entries;
      DROP FUNCTION cost_entries_keep_paid();
      ALTER TABLE payout_entries RENAME TO payout_entries_unanchored;
      CREATE TABLE payout_entries (
        payout_id uuid NOT NULL,
        cost_entry_id uuid NOT NULL,
        incurred_on date NOT NULL,
        released boolean NOT NULL DEFAULT false,
        relationship_id uuid NOT NULL,
        currency char(3) NOT NULL,
        seqs int8range NOT NULL
      );
      INSERT INTO payout_entries
      SELECT s.payout_id, (a.anchor)[2]::uuid, (a.anchor)[1]::date, s.released, s.relationship_id, s.currency, s.seqs
      FROM payout_entries_unanchored s
      JOIN LATERAL (
        SELECT min(ARRAY[e.incurred_on::text, e.id::text] COLLATE "C") AS anchor FROM cost_entries e
        WHERE e.relationship_id = s.relationship_id AND e.currency = s.currency AND e.kind IN (${PAYABLE}) AND s.seqs @> e.seq
      ) a ON a.anchor IS NOT NULL;
      DROP TABLE payout_entries_unanchored;
      ALTER TABLE payout_entries
        ADD CONSTRAINT payout_entries_payout_id_fkey FOREIGN KEY (payout_id) REFERENCES payouts(id) ON DELETE CASCADE,
        ADD CONSTRAINT ex_payout_entries_live EXCLUDE USING gist (relationship_id WITH =, currency WITH =, seqs WITH &&)
          WHERE (NOT released),
        ADD CONSTRAINT payout_entries_cost_entry_id_fkey FOREIGN KEY (cost_entry_id, incurred_on)
          REFERENCES cost_entries(id, incurred_on) ON DELETE NO ACTION DEFERRABLE INITIALLY IMMEDIATE;
      CREATE INDEX ix_payout_entries_payout ON payout_entries (payout_id);
      CREATE INDEX ix_payout_entries_live_start ON payout_entries (relationship_id, currency, lower(seqs)) WHERE NOT released;
    `);
  }
}
