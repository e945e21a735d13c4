import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * costs.accrue (docs/costs.md) sums a conversion's reversals up to its approval and numbers them in
 * (occurred_at, id) order for the negative commission entries of later refunds: by conversion, not by
 * scanning every reversal for each of a 5,000-conversion batch. Also serves ON DELETE CASCADE from conversions.
 */
export class CostAccrualIndexes1795631500000 implements MigrationInterface {
  name = 'CostAccrualIndexes1795631500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_conversion_reversals_conversion_occurred ON conversion_reversals (conversion_id, occurred_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_conversion_reversals_conversion_occurred`);
  }
}
