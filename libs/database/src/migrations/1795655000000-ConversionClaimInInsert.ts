import { MigrationInterface, QueryRunner } from 'typeorm';
import { claimFunction, claimTriggers } from './1795649000000-PartitionedLedger';

const KEY = ['workspace_id', 'source', 'external_id'];

/**
 * Issue 22: a conversion's dedup claim (conversion_keys) is written by the writer's own statement (ConversionWriter:
 * claim the keys, then insert the conversions of the keys it got), not by a PL/pgSQL trigger per row, which made a
 * partitioned ingest ~1.6x dearer (docs/scaling.md). The database still enforces the key for every writer:
 * - tr_conversions_claim becomes one statement-level check over the inserted rows (a transition table): rows whose
 *   claim their statement made pass; any other writer's rows claim their keys here, set-based, and a key another
 *   conversion holds refuses the whole statement (unique_violation on pk_conversion_keys), as an INSERT without
 *   ON CONFLICT did against the old unique index.
 * - tr_conversions_follow becomes BEFORE UPDATE: PostgreSQL turns an update moving a row to another month into a
 *   delete and an insert that fire the row DELETE trigger (the release) but no row UPDATE or statement INSERT
 *   trigger, so the claim must carry the new date before the release looks at it (it releases only a claim of the
 *   old date). The old BEFORE INSERT claim did that as a side effect.
 * The release (AFTER DELETE per row) is unchanged. Down restores PartitionedLedger's triggers and functions.
 */
export class ConversionClaimInInsert1795655000000 implements MigrationInterface {
  name = 'ConversionClaimInInsert1795655000000';

  async up(q: QueryRunner): Promise<void> {
    const matches = (k: string, n: string) =>
      `${k}.conversion_id = ${n}.id AND ${KEY.map((c) => `${k}.${c} = ${n}.${c}`).join(' AND ')} AND ${k}.occurred_at = ${n}.occurred_at`;
    await q.query(`
      DROP TRIGGER tr_conversions_claim ON conversions;
      DROP TRIGGER tr_conversions_follow ON conversions;
      DROP FUNCTION conversions_claim(), conversions_follow();
      CREATE FUNCTION conversions_claim() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        unclaimed bigint;
        claimed bigint;
      BEGIN
        -- OFFSET 0 keeps the probe per row (an index probe of uq_conversion_keys_conversion): as an anti-join it was
        -- planned as a hash of the whole claim table.
        SELECT count(*) INTO unclaimed FROM arrived n WHERE NOT EXISTS (SELECT 1 FROM conversion_keys k WHERE ${matches('k', 'n')} OFFSET 0);
        IF unclaimed = 0 THEN RETURN NULL; END IF;
        WITH taken AS (
          INSERT INTO conversion_keys (${KEY.join(', ')}, conversion_id, occurred_at)
          SELECT ${KEY.map((c) => `n.${c}`).join(', ')}, n.id, n.occurred_at FROM arrived n
          WHERE NOT EXISTS (SELECT 1 FROM conversion_keys k WHERE k.conversion_id = n.id OFFSET 0)
          ORDER BY ${KEY.map((c) => `n.${c}`).join(', ')}
          ON CONFLICT DO NOTHING RETURNING 1
        ) SELECT count(*) INTO claimed FROM taken;
        IF claimed < unclaimed THEN
          RAISE EXCEPTION 'a conversion''s (${KEY.join(', ')}) is already claimed by another conversion'
            USING ERRCODE = 'unique_violation', CONSTRAINT = 'pk_conversion_keys', TABLE = 'conversion_keys';
        END IF;
        RETURN NULL;
      END
      $fn$;
      CREATE FUNCTION conversions_follow() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF (${KEY.map((c) => `NEW.${c}`).join(', ')}) IS DISTINCT FROM (${KEY.map((c) => `OLD.${c}`).join(', ')}) THEN
          RAISE EXCEPTION 'the dedup key (${KEY.join(', ')}) of a ledger row never changes' USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.occurred_at IS DISTINCT FROM OLD.occurred_at THEN
          UPDATE conversion_keys SET occurred_at = NEW.occurred_at WHERE conversion_id = NEW.id;
        END IF;
        RETURN NEW;
      END
      $fn$;
      CREATE TRIGGER tr_conversions_claim AFTER INSERT ON conversions REFERENCING NEW TABLE AS arrived
        FOR EACH STATEMENT EXECUTE FUNCTION conversions_claim();
      CREATE TRIGGER tr_conversions_follow BEFORE UPDATE OF ${KEY.join(', ')}, occurred_at ON conversions
        FOR EACH ROW EXECUTE FUNCTION conversions_follow();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER tr_conversions_claim ON conversions;
      DROP TRIGGER tr_conversions_follow ON conversions;
      DROP TRIGGER tr_conversions_release ON conversions;
      DROP FUNCTION conversions_claim(), conversions_follow(), conversions_release();
      ${claimFunction('conversions', 'conversion_keys', KEY, 'conversion_id', 'occurred_at')}
      ${claimTriggers('conversions', '', [...KEY, 'occurred_at'])}
    `);
  }
}
