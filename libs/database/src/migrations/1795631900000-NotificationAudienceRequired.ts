import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every writer of notification rows names its audience. The default 'managers' that NotificationAudience
 * needed for its backfill would let an influencer-facing insert that forgot the column go out as a managers'
 * email: without List-Unsubscribe, and past the influencer's unsubscribe. Without it, such an insert fails.
 */
export class NotificationAudienceRequired1795631900000 implements MigrationInterface {
  name = 'NotificationAudienceRequired1795631900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ALTER COLUMN audience DROP DEFAULT`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ALTER COLUMN audience SET DEFAULT 'managers'`);
  }
}
