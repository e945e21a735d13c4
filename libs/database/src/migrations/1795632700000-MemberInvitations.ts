import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'renewal_upcoming','notice_deadline','renewed','ended','deliverable_due_soon','deliverable_overdue','approval_waiting','quarterly_report'`;

/**
 * Members join by accepting an emailed invitation instead of being added by an admin:
 * - invitations: one row per invite; its token is signed from the id (never stored), the row says whether
 *   it is still pending, and at most one invite per address and workspace is pending at a time.
 * - notifications may carry the invite email (kind member_invitation about an invitation, to the invitee).
 * - the send path ranks a workspace's pending emails (fair ordering): an index for that count.
 * - memberships of users without a password (made by the old POST /v1/members, never consented, unable to
 *   log in) and their brand-manager rows are removed: they only made report emails go to whoever was named.
 *   The users themselves stay, as "not registered": signing up with their email claims the row.
 */
export class MemberInvitations1795632700000 implements MigrationInterface {
  name = 'MemberInvitations1795632700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        email text NOT NULL,
        role text NOT NULL CHECK (role IN ('owner','admin','manager','viewer')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','accepted','revoked')),
        expires_at timestamptz NOT NULL,
        invited_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        accepted_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        accepted_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_invitations_pending_email ON invitations (workspace_id, lower(email)) WHERE status = 'pending';
      CREATE INDEX ix_invitations_workspace_created ON invitations (workspace_id, created_at DESC, id DESC);

      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check,
        ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${KINDS},'member_invitation')),
        DROP CONSTRAINT notifications_subject_type_check,
        ADD CONSTRAINT notifications_subject_type_check CHECK (subject_type IN ('contract','deliverable','brand','invitation')),
        DROP CONSTRAINT notifications_audience_check,
        ADD CONSTRAINT notifications_audience_check CHECK (audience IN ('influencer','managers','invitee'));
      CREATE INDEX ix_notifications_pending_workspace ON notifications (workspace_id, created_at, id) WHERE status IN ('scheduled','late');

      DELETE FROM brand_managers bm USING users u WHERE u.id = bm.user_id AND u.password_hash IS NULL;
      DELETE FROM members m USING users u WHERE u.id = m.user_id AND u.password_hash IS NULL;
    `);
  }

  /** The removed memberships are not restored: they never let anyone in. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX ix_notifications_pending_workspace;
      DELETE FROM notifications WHERE kind = 'member_invitation';
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check,
        ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${KINDS})),
        DROP CONSTRAINT notifications_subject_type_check,
        ADD CONSTRAINT notifications_subject_type_check CHECK (subject_type IN ('contract','deliverable','brand')),
        DROP CONSTRAINT notifications_audience_check,
        ADD CONSTRAINT notifications_audience_check CHECK (audience IN ('influencer','managers'));
      DROP TABLE invitations;
    `);
  }
}
