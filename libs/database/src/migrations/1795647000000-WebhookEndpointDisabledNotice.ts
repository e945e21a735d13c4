import { MigrationInterface, QueryRunner } from 'typeorm';

const NOTIFICATION_KINDS = `'renewal_upcoming','notice_deadline','renewed','ended','deliverable_due_soon','deliverable_overdue','approval_waiting','quarterly_report','member_invitation','payout_approved','payout_paid',
  'portal_sign_in','terms_to_accept','changes_requested','deliverable_submitted'`;
const SUBJECT_TYPES = `'contract','deliverable','brand','invitation','payout','portal_sign_in'`;

/**
 * The email to a workspace's admins when one of its webhook endpoints is disabled (a 410 Gone, or every
 * attempt failing for 5 days): notifications of kind webhook_endpoint_disabled about a webhook_endpoint,
 * one per disabling (its period is the failing streak's start, which enabling the endpoint again forgets).
 */
export class WebhookEndpointDisabledNotice1795647000000 implements MigrationInterface {
  name = 'WebhookEndpointDisabledNotice1795647000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check,
        ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${NOTIFICATION_KINDS},'webhook_endpoint_disabled')),
        DROP CONSTRAINT notifications_subject_type_check,
        ADD CONSTRAINT notifications_subject_type_check CHECK (subject_type IN (${SUBJECT_TYPES},'webhook_endpoint'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM notifications WHERE kind = 'webhook_endpoint_disabled';
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check,
        ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${NOTIFICATION_KINDS})),
        DROP CONSTRAINT notifications_subject_type_check,
        ADD CONSTRAINT notifications_subject_type_check CHECK (subject_type IN (${SUBJECT_TYPES}));
    `);
  }
}
