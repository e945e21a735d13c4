import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every kind and subject type on main before this migration (Payouts1795644000000 added the last ones). */
const KINDS = `'renewal_upcoming','notice_deadline','renewed','ended','deliverable_due_soon','deliverable_overdue','approval_waiting','quarterly_report','member_invitation','payout_approved','payout_paid'`;
const SUBJECT_TYPES = `'contract','deliverable','brand','invitation','payout'`;
const PORTAL_KINDS = `'portal_sign_in','terms_to_accept','changes_requested','deliverable_submitted'`;

/**
 * The ambassador portal (issue 15, docs/portal.md):
 * - portal_sign_ins: one row per emailed sign-in link (15 minutes, single use); only the SHA-256 of its token is kept.
 * - portal_link_uses: the SHA-256 of each 7-day email link once it has signed someone in (single use).
 * - portal_sessions: an ambassador's browser sessions, hashed like the console's; deleting the row signs out.
 * - contracts: when the terms were sent, and the acceptance on record (name, time, IP, user agent, SHA-256 of
 *   the canonical terms); cleared when the draft changes (the activity log keeps the voided one).
 * - workspaces: requireTermsAcceptance (activate answers 409 until accepted) and ambassadorsPublish (an
 *   approved deliverable's live post URL from the portal publishes it).
 * - activity_log: the ambassador as actor.
 * - notifications: the portal's kinds; subject type portal_sign_in.
 */
export class AmbassadorPortal1795645000000 implements MigrationInterface {
  name = 'AmbassadorPortal1795645000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE portal_sign_ins (
        id uuid PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        influencer_id uuid NOT NULL REFERENCES influencers(id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_portal_sign_ins_token_hash UNIQUE (token_hash)
      );
      CREATE INDEX ix_portal_sign_ins_influencer ON portal_sign_ins (influencer_id);
      CREATE TABLE portal_link_uses (
        token_hash text PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        used_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE TABLE portal_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        influencer_id uuid NOT NULL REFERENCES influencers(id) ON DELETE CASCADE,
        ip text,
        user_agent text,
        expires_at timestamptz NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_portal_sessions_token_hash UNIQUE (token_hash)
      );
      CREATE INDEX ix_portal_sessions_influencer ON portal_sessions (influencer_id);

      ALTER TABLE contracts ADD COLUMN terms_sent_at timestamptz,
        ADD COLUMN terms_accepted_name text,
        ADD COLUMN terms_accepted_at timestamptz,
        ADD COLUMN terms_accepted_ip text,
        ADD COLUMN terms_accepted_user_agent text,
        ADD COLUMN terms_accepted_sha256 text;
      ALTER TABLE workspaces ADD COLUMN require_terms_acceptance boolean NOT NULL DEFAULT false,
        ADD COLUMN ambassadors_publish boolean NOT NULL DEFAULT false;
      ALTER TABLE activity_log ADD COLUMN actor_influencer_id uuid REFERENCES influencers(id) ON DELETE SET NULL;

      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check,
        ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${KINDS},${PORTAL_KINDS})),
        DROP CONSTRAINT notifications_subject_type_check,
        ADD CONSTRAINT notifications_subject_type_check CHECK (subject_type IN (${SUBJECT_TYPES},'portal_sign_in'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM notifications WHERE kind IN (${PORTAL_KINDS});
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check,
        ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${KINDS})),
        DROP CONSTRAINT notifications_subject_type_check,
        ADD CONSTRAINT notifications_subject_type_check CHECK (subject_type IN (${SUBJECT_TYPES}));
      ALTER TABLE activity_log DROP COLUMN actor_influencer_id;
      ALTER TABLE workspaces DROP COLUMN require_terms_acceptance, DROP COLUMN ambassadors_publish;
      ALTER TABLE contracts DROP COLUMN terms_sent_at, DROP COLUMN terms_accepted_name, DROP COLUMN terms_accepted_at,
        DROP COLUMN terms_accepted_ip, DROP COLUMN terms_accepted_user_agent, DROP COLUMN terms_accepted_sha256;
      DROP TABLE portal_sessions;
      DROP TABLE portal_link_uses;
      DROP TABLE portal_sign_ins;
    `);
  }
}
