import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The API keeps the roles it read for bearer tokens in memory (ActorCache, libs/workspaces); these
 * triggers tell every API process, through NOTIFY on the channel `actor_changes`, to drop them when a
 * membership or an API key changes. NOTIFY is sent at commit, so a removed member or a revoked key is
 * refused by the next request in any process. Statement-level: one notice per statement, whatever the
 * rows (cascades from a deleted workspace or user included). The once-a-minute `last_used_at` refresh of
 * a key does not touch the columns listed, so it notifies nobody.
 */
export class ActorChangeNotify1795641000000 implements MigrationInterface {
  name = 'ActorChangeNotify1795641000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_actor_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('actor_changes', TG_TABLE_NAME);
        RETURN NULL;
      END $$;
      CREATE TRIGGER members_actor_change AFTER UPDATE OR DELETE OR TRUNCATE ON members
        FOR EACH STATEMENT EXECUTE FUNCTION notify_actor_change();
      CREATE TRIGGER api_keys_actor_change AFTER UPDATE OF workspace_id, role, key_hash, revoked_at OR DELETE OR TRUNCATE ON api_keys
        FOR EACH STATEMENT EXECUTE FUNCTION notify_actor_change();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER api_keys_actor_change ON api_keys;
      DROP TRIGGER members_actor_change ON members;
      DROP FUNCTION notify_actor_change();
    `);
  }
}
