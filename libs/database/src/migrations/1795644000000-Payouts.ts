import { MigrationInterface, QueryRunner } from 'typeorm';

const COST_KINDS = `'retainer','deliverable_fee','commission','product','other'`;
const NOTIFICATION_KINDS = `'renewal_upcoming','notice_deadline','renewed','ended','deliverable_due_soon','deliverable_overdue','approval_waiting','quarterly_report','member_invitation'`;
const SUBJECT_TYPES = `'contract','deliverable','brand','invitation'`;

/**
 * Payouts (docs/payouts.md):
 * - cost entries gain the manual kinds `bonus` and `adjustment` (owed to the ambassador, signed);
 * - payout methods (one per influencer), settings (the workspace's minimum), runs, payouts;
 * - payout_entries links a payout to the cost entries it pays. `uq_payout_entries_live` lets an entry be in
 *   at most one payout that is not failed or cancelled: `released` is set in the statement that fails or
 *   cancels the payout. The link keeps the entry's `incurred_on` beside its id, so a cost_entries
 *   partitioned by month (primary key (id, incurred_on)) can be referenced by (cost_entry_id, incurred_on)
 *   while the unique index stays on this unpartitioned table;
 * - notifications of kinds payout_approved and payout_paid about a payout (the statement emails).
 */
export class Payouts1795644000000 implements MigrationInterface {
  name = 'Payouts1795644000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cost_entries DROP CONSTRAINT cost_entries_kind_check,
        ADD CONSTRAINT cost_entries_kind_check CHECK (kind IN (${COST_KINDS},'bonus','adjustment'));

      CREATE TABLE payout_settings (
        workspace_id uuid PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
        minimum numeric(20,4) NOT NULL DEFAULT 50 CHECK (minimum >= 0),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );

      CREATE TABLE payout_methods (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        influencer_id uuid NOT NULL REFERENCES influencers(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('paypal','wise','bank_transfer','other')),
        details jsonb NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_payout_methods_influencer UNIQUE (influencer_id)
      );

      CREATE TABLE payout_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        brand_id uuid REFERENCES brands(id) ON DELETE RESTRICT,
        period_end date NOT NULL,
        minimum numeric(20,4) NOT NULL,
        created_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_payout_runs_workspace_created ON payout_runs (workspace_id, created_at DESC, id DESC);

      CREATE TABLE payouts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        run_id uuid NOT NULL REFERENCES payout_runs(id) ON DELETE RESTRICT,
        influencer_id uuid NOT NULL REFERENCES influencers(id) ON DELETE RESTRICT,
        currency char(3) NOT NULL,
        amount numeric(20,4) NOT NULL CHECK (amount > 0),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','approved','paid','failed','cancelled')),
        approved_at timestamptz,
        approved_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        paid_at timestamptz,
        reference text,
        failure_reason text,
        closed_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_payouts_run ON payouts (run_id);
      CREATE INDEX ix_payouts_influencer ON payouts (influencer_id, currency);
      CREATE INDEX ix_payouts_workspace_created ON payouts (workspace_id, created_at DESC, id DESC);

      CREATE TABLE payout_entries (
        payout_id uuid NOT NULL REFERENCES payouts(id) ON DELETE CASCADE,
        cost_entry_id uuid NOT NULL REFERENCES cost_entries(id) ON DELETE RESTRICT,
        incurred_on date NOT NULL,
        released boolean NOT NULL DEFAULT false,
        PRIMARY KEY (payout_id, cost_entry_id)
      );
      CREATE UNIQUE INDEX uq_payout_entries_live ON payout_entries (cost_entry_id) WHERE NOT released;
      -- The runs' anti-join and the balances: unpaid payable entries per relationship.
      CREATE INDEX ix_cost_entries_payable ON cost_entries (workspace_id, relationship_id, incurred_on)
        WHERE kind IN ('retainer','deliverable_fee','commission','bonus','adjustment');

      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check,
        ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${NOTIFICATION_KINDS},'payout_approved','payout_paid')),
        DROP CONSTRAINT notifications_subject_type_check,
        ADD CONSTRAINT notifications_subject_type_check CHECK (subject_type IN (${SUBJECT_TYPES},'payout'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM notifications WHERE kind IN ('payout_approved','payout_paid');
      ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check,
        ADD CONSTRAINT notifications_kind_check CHECK (kind IN (${NOTIFICATION_KINDS})),
        DROP CONSTRAINT notifications_subject_type_check,
        ADD CONSTRAINT notifications_subject_type_check CHECK (subject_type IN (${SUBJECT_TYPES}));
      DROP INDEX ix_cost_entries_payable;
      DROP TABLE payout_entries, payouts, payout_runs, payout_methods, payout_settings;
      DELETE FROM cost_entries WHERE kind IN ('bonus','adjustment');
      ALTER TABLE cost_entries DROP CONSTRAINT cost_entries_kind_check,
        ADD CONSTRAINT cost_entries_kind_check CHECK (kind IN (${COST_KINDS}));
    `);
  }
}
