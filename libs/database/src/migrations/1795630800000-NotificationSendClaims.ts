import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * notifications.send claims a row before talking to SMTP: `claimed_at` is a lease (a worker killed
 * between send and mark leaves it; another may take the row over once it expired), `claimed_by` the
 * BullMQ job attempt that holds it. The list index serves GET /v1/notifications?status=.
 */
export class NotificationSendClaims1795630800000 implements MigrationInterface {
  name = 'NotificationSendClaims1795630800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notifications ADD COLUMN claimed_at timestamptz, ADD COLUMN claimed_by text;
      CREATE INDEX ix_notifications_workspace_status_created ON notifications (workspace_id, status, created_at DESC, id DESC);
      CREATE INDEX ix_notifications_subject ON notifications (subject_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX ix_notifications_subject;
      DROP INDEX ix_notifications_workspace_status_created;
      ALTER TABLE notifications DROP COLUMN claimed_by, DROP COLUMN claimed_at;
    `);
  }
}
