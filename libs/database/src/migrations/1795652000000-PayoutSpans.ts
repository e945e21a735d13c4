import { MigrationInterface, QueryRunner } from 'typeorm';

const PAYABLE = `'retainer','deliverable_fee','commission','bonus','adjustment'`;

/**
 * Payouts link spans of a relationship's ledger, not single entries (docs/payouts.md, bench/README.md):
 * - cost_entries gains `seq`, the ledger's insertion order (one sequence, not owned by the table so that the
 *   partitioned ledger's conversion, which re-creates the table, keeps it). A payout run reads the sequence's
 *   last value under a SHARE lock of cost_entries (no insert in flight), so every entry it can ever see at or
 *   below that value is committed, and every later entry is numbered above it: a span claimed up to it never
 *   gains an entry. (The sequence keeps CACHE 1: a session caching values would number entries below it later.)
 * - a payout_entries row is a span: the payable entries of `relationship_id` in `currency` whose `seq` is in
 *   `seqs`. `ex_payout_entries_live` (btree_gist) lets two live spans of one relationship and currency never
 *   overlap: an entry is in at most one live payout, by the database (ix_payout_entries_live_start finds the live
 *   span of one entry by a btree probe: the only one that can hold it starts last at or before it). The row keeps one entry of its span in
 *   (cost_entry_id, incurred_on), the foreign key into the ledger, and regains its foreign key to payouts (a
 *   run writes a span per relationship, not a row per entry).
 * Existing links are numbered so that each payout's entries of a relationship are consecutive, then become
 * spans (the islands of each payout's entries in that order). Down expands the spans into links again.
 */
export class PayoutSpans1795652000000 implements MigrationInterface {
  name = 'PayoutSpans1795652000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE EXTENSION IF NOT EXISTS btree_gist;
      CREATE SEQUENCE cost_entry_seq;
      ALTER TABLE cost_entries ADD COLUMN seq bigint;
      UPDATE cost_entries e SET seq = o.n
      FROM (
        SELECT c.id, c.incurred_on, row_number() OVER (
                 ORDER BY c.relationship_id, c.currency, p.created_at NULLS LAST, p.id, c.incurred_on, c.id) AS n
        FROM cost_entries c
        LEFT JOIN payout_entries l ON l.cost_entry_id = c.id AND l.incurred_on = c.incurred_on AND NOT l.released
        LEFT JOIN payouts p ON p.id = l.payout_id
      ) o
      WHERE e.id = o.id AND e.incurred_on = o.incurred_on;
      SELECT setval('cost_entry_seq', coalesce(max(seq), 0) + 1, false) FROM cost_entries;
      ALTER TABLE cost_entries ALTER COLUMN seq SET DEFAULT nextval('cost_entry_seq'), ALTER COLUMN seq SET NOT NULL;

      DROP INDEX uq_payout_entries_live, ix_payout_entries_released;
      ALTER TABLE payout_entries ADD COLUMN relationship_id uuid, ADD COLUMN currency char(3), ADD COLUMN seqs int8range;
      INSERT INTO payout_entries (payout_id, cost_entry_id, incurred_on, released, relationship_id, currency, seqs)
      SELECT payout_id, (min(anchor))[2]::uuid, (min(anchor))[1]::date, released, relationship_id, currency, int8range(min(seq), max(seq), '[]')
      FROM (
        SELECT l.payout_id, l.released, e.relationship_id, e.currency, e.seq, ARRAY[e.incurred_on::text, e.id::text] AS anchor,
               o.pos - row_number() OVER (PARTITION BY l.payout_id, l.released, e.relationship_id, e.currency ORDER BY e.seq) AS island
        FROM payout_entries l
        JOIN cost_entries e ON e.id = l.cost_entry_id AND e.incurred_on = l.incurred_on
        JOIN (SELECT id, incurred_on, row_number() OVER (PARTITION BY relationship_id, currency ORDER BY seq) AS pos
              FROM cost_entries WHERE kind IN (${PAYABLE})) o ON o.id = e.id AND o.incurred_on = e.incurred_on
      ) linked
      GROUP BY payout_id, released, relationship_id, currency, island;
      DELETE FROM payout_entries WHERE seqs IS NULL;
      DELETE FROM payout_entries l WHERE NOT EXISTS (SELECT 1 FROM payouts p WHERE p.id = l.payout_id);
      ALTER TABLE payout_entries ALTER COLUMN relationship_id SET NOT NULL, ALTER COLUMN currency SET NOT NULL,
        ALTER COLUMN seqs SET NOT NULL,
        ADD CONSTRAINT payout_entries_payout_id_fkey FOREIGN KEY (payout_id) REFERENCES payouts(id) ON DELETE CASCADE,
        ADD CONSTRAINT ex_payout_entries_live EXCLUDE USING gist (relationship_id WITH =, currency WITH =, seqs WITH &&)
          WHERE (NOT released);
      CREATE INDEX ix_payout_entries_payout ON payout_entries (payout_id);
      CREATE INDEX ix_payout_entries_live_start ON payout_entries (relationship_id, currency, lower(seqs)) WHERE NOT released;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TEMP TABLE payout_links ON COMMIT DROP AS
      SELECT l.payout_id, e.id AS cost_entry_id, e.incurred_on, l.released
      FROM payout_entries l
      JOIN cost_entries e ON e.relationship_id = l.relationship_id AND e.currency = l.currency AND e.kind IN (${PAYABLE})
        AND l.seqs @> e.seq;
      DELETE FROM payout_entries;
      DROP INDEX ix_payout_entries_payout, ix_payout_entries_live_start;
      ALTER TABLE payout_entries DROP CONSTRAINT ex_payout_entries_live, DROP CONSTRAINT payout_entries_payout_id_fkey,
        DROP COLUMN relationship_id, DROP COLUMN currency, DROP COLUMN seqs;
      INSERT INTO payout_entries (payout_id, cost_entry_id, incurred_on, released) SELECT * FROM payout_links;
      DROP TABLE payout_links;
      CREATE UNIQUE INDEX uq_payout_entries_live ON payout_entries (cost_entry_id) WHERE NOT released;
      CREATE INDEX ix_payout_entries_released ON payout_entries (payout_id) WHERE released;
      ALTER TABLE cost_entries DROP COLUMN seq;
      DROP SEQUENCE cost_entry_seq;
      DROP EXTENSION btree_gist;
    `);
  }
}
