import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the rollups engine needs (docs/rollups.md):
 * - relationship_daily_stats: deliverables on time / late (by due date) and the audience of published
 *   deliverables with metrics (the engagement rate's denominator).
 * - conversion_reversals.relationship_id: a reversal counts on its own day, which is not its conversion's,
 *   so recomputing a (relationship, day) needs the relationship's reversals by occurred_at. Denormalised
 *   (a conversion's relationship never changes) and backfilled; unattributed conversions leave it null.
 * - deliverables by relationship and due date, and by publication instant while published.
 * - rollup_dirty_days: no longer unique per (relationship, day). Each writing transaction inserts its own
 *   marks; a worker's claim (DELETE) only removes marks its snapshot sees, i.e. marks of changes that
 *   snapshot includes. A shared mark (ON CONFLICT DO NOTHING on an existing one) let a change committed
 *   after the claim's snapshot ride on a mark the claim then deleted: that change was never rolled up.
 */
export class RollupStatsDetail1795631000000 implements MigrationInterface {
  name = 'RollupStatsDetail1795631000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE relationship_daily_stats
        ADD COLUMN deliverables_on_time integer NOT NULL DEFAULT 0,
        ADD COLUMN deliverables_late integer NOT NULL DEFAULT 0,
        ADD COLUMN engagement_followers bigint NOT NULL DEFAULT 0;

      ALTER TABLE conversion_reversals ADD COLUMN relationship_id uuid REFERENCES relationships(id) ON DELETE RESTRICT;
      UPDATE conversion_reversals v SET relationship_id = c.relationship_id FROM conversions c WHERE c.id = v.conversion_id AND c.relationship_id IS NOT NULL;
      CREATE INDEX ix_conversion_reversals_relationship_occurred ON conversion_reversals (relationship_id, occurred_at) WHERE relationship_id IS NOT NULL;

      CREATE INDEX ix_deliverables_relationship_due ON deliverables (relationship_id, due_date);
      CREATE INDEX ix_deliverables_relationship_published ON deliverables (relationship_id, published_at) WHERE status = 'published';

      ALTER TABLE rollup_dirty_days DROP CONSTRAINT pk_rollup_dirty_days;
      ALTER TABLE rollup_dirty_days ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_rollup_dirty_days PRIMARY KEY;
      CREATE INDEX ix_rollup_dirty_days_relationship_day ON rollup_dirty_days (relationship_id, day);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM rollup_dirty_days m USING rollup_dirty_days o WHERE o.relationship_id = m.relationship_id AND o.day = m.day AND o.id < m.id;
      DROP INDEX ix_rollup_dirty_days_relationship_day;
      ALTER TABLE rollup_dirty_days DROP CONSTRAINT pk_rollup_dirty_days;
      ALTER TABLE rollup_dirty_days DROP COLUMN id;
      ALTER TABLE rollup_dirty_days ADD CONSTRAINT pk_rollup_dirty_days PRIMARY KEY (relationship_id, day);

      DROP INDEX ix_deliverables_relationship_published;
      DROP INDEX ix_deliverables_relationship_due;

      DROP INDEX ix_conversion_reversals_relationship_occurred;
      ALTER TABLE conversion_reversals DROP COLUMN relationship_id;

      ALTER TABLE relationship_daily_stats DROP COLUMN engagement_followers, DROP COLUMN deliverables_late, DROP COLUMN deliverables_on_time;
    `);
  }
}
