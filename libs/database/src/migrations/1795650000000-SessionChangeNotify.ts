import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Browser sessions join the roles the API keeps in memory (ActorCache): a session's user, workspace and
 * role are read once and kept until a notice on `actor_changes`. Signing out (DELETE), the workspace
 * switcher (UPDATE) and the cascades of a deleted user or workspace notify every API process at commit,
 * like the member and API key triggers of ActorChangeNotify, so an ended session is refused by the next
 * request anywhere. A sign-in (INSERT) needs no notice: an absent session is never cached.
 */
export class SessionChangeNotify1795650000000 implements MigrationInterface {
  name = 'SessionChangeNotify1795650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TRIGGER sessions_actor_change AFTER UPDATE OR DELETE OR TRUNCATE ON sessions
      FOR EACH STATEMENT EXECUTE FUNCTION notify_actor_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER sessions_actor_change ON sessions`);
  }
}
