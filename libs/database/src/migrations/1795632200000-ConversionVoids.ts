import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Voided conversions (POST /v1/conversions/:id/void, docs/api-guide.md): the row stays, with status `voided`,
 * when, by whom and why; a CHECK keeps the status and those columns together. The partial index serves the
 * rollups' test "is this reversal's conversion voided?" (an anti-join over the few voided rows, not all).
 */
export class ConversionVoids1795632200000 implements MigrationInterface {
  name = 'ConversionVoids1795632200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE conversions
        ADD COLUMN voided_at timestamptz,
        ADD COLUMN voided_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        ADD COLUMN voided_by_api_key_id uuid REFERENCES api_keys(id) ON DELETE SET NULL,
        ADD COLUMN void_reason text,
        DROP CONSTRAINT conversions_status_check,
        ADD CONSTRAINT conversions_status_check CHECK (status IN ('pending','approved','reversed','voided')),
        ADD CONSTRAINT ck_conversions_void CHECK ((status = 'voided') = (voided_at IS NOT NULL AND void_reason IS NOT NULL));
      CREATE INDEX ix_conversions_voided ON conversions (id) WHERE status = 'voided';
    `);
  }

  /** Lossy: voided conversions go back to the status their amounts and approval give, and count again. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX ix_conversions_voided;
      ALTER TABLE conversions DROP CONSTRAINT ck_conversions_void, DROP CONSTRAINT conversions_status_check;
      UPDATE conversions SET status = CASE WHEN reversed_amount >= net_amount THEN 'reversed' WHEN approved_at IS NOT NULL THEN 'approved' ELSE 'pending' END
        WHERE status = 'voided';
      ALTER TABLE conversions
        ADD CONSTRAINT conversions_status_check CHECK (status IN ('pending','approved','reversed')),
        DROP COLUMN void_reason,
        DROP COLUMN voided_by_api_key_id,
        DROP COLUMN voided_by_user_id,
        DROP COLUMN voided_at;
    `);
  }
}
