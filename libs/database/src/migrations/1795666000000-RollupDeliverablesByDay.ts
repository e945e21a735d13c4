import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20, the cold sweep: the rollups' deliverable probes by day first. A sweep recomputes recent days of many
 * relationships, and each target (relationship, day) probed both deliverable indexes led by relationship_id: a
 * sweep of 10,000 relationship-days read all of both (2,670 pages at bench/rollup's size, from disk or the page
 * cache when cold) to find, most of the time, nothing (a relationship has a deliverable due about once a month).
 * Led by the day, the probes of a sweep meet the few leaves of the days it recomputes.
 * - Due: (due_date, relationship_id) without the cancelled ones, which count nowhere. ix_deliverables_relationship_due
 *   stays: the relationship's foreign key (ON DELETE RESTRICT) and lookups by relationship use it.
 * - Published: by the UTC date of the publication (stat-sources.sql.ts probes the three UTC dates a brand-local
 *   day can touch). It replaces ix_deliverables_relationship_published, which only the rollups read.
 * Both are built in place: deliverables hold a few rows per relationship and month.
 */
export class RollupDeliverablesByDay1795666000000 implements MigrationInterface {
  name = 'RollupDeliverablesByDay1795666000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX ix_deliverables_due_relationship ON deliverables (due_date, relationship_id) WHERE status <> 'cancelled';
      CREATE INDEX ix_deliverables_published_day_relationship ON deliverables (((published_at AT TIME ZONE 'UTC')::date), relationship_id)
        WHERE status = 'published';
      DROP INDEX ix_deliverables_relationship_published;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX ix_deliverables_relationship_published ON deliverables (relationship_id, published_at) WHERE status = 'published';
      DROP INDEX ix_deliverables_published_day_relationship;
      DROP INDEX ix_deliverables_due_relationship;
    `);
  }
}
