import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole domain of domain.md. Money is numeric(20,4) (exact; the currency's minor units are enforced
 * by the API), contract dates are `date` (calendar dates in the brand's time zone), instants are timestamptz.
 * Every natural key has a named unique constraint or index; the names are used in error messages.
 * created_at is timestamptz(3): keyset pagination compares it at the millisecond precision of a JS Date.
 */
export class InitialSchema1795626600000 implements MigrationInterface {
  name = 'InitialSchema1795626600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workspaces (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        tier_thresholds jsonb NOT NULL DEFAULT '{"micro":10000,"mid":100000,"macro":500000,"mega":1000000}',
        conversion_lock_days integer NOT NULL DEFAULT 30 CHECK (conversion_lock_days BETWEEN 0 AND 365),
        emv_rates jsonb NOT NULL DEFAULT '{"impressions":"0.005","views":"0.02","likes":"0.10","comments":"0.50","shares":"0.75","saves":"0.50","clicks":"0.90"}',
        shopify_webhook_secret text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        password_hash text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_users_email ON users (lower(email));

      CREATE TABLE members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner','admin','manager','viewer')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_members_workspace_user UNIQUE (workspace_id, user_id)
      );
      CREATE INDEX ix_members_user ON members (user_id);

      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin','manager','viewer')),
        prefix text NOT NULL,
        key_hash text NOT NULL,
        created_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        last_used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_api_keys_key_hash UNIQUE (key_hash)
      );
      CREATE INDEX ix_api_keys_workspace ON api_keys (workspace_id, created_at);

      CREATE TABLE brands (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name text NOT NULL,
        currency char(3) NOT NULL,
        timezone text NOT NULL,
        fiscal_year_start_month smallint NOT NULL DEFAULT 1 CHECK (fiscal_year_start_month BETWEEN 1 AND 12),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_brands_workspace_name ON brands (workspace_id, lower(name));
      CREATE INDEX ix_brands_workspace_created ON brands (workspace_id, created_at DESC, id DESC);

      CREATE TABLE brand_managers (
        brand_id uuid NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        CONSTRAINT pk_brand_managers PRIMARY KEY (brand_id, user_id)
      );

      CREATE TABLE influencers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name text NOT NULL,
        email text,
        country char(2),
        tags text[] NOT NULL DEFAULT '{}',
        notes text,
        max_followers bigint NOT NULL DEFAULT 0,
        tier text NOT NULL DEFAULT 'nano' CHECK (tier IN ('nano','micro','mid','macro','mega')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_influencers_workspace_email ON influencers (workspace_id, lower(email)) WHERE email IS NOT NULL;
      CREATE INDEX ix_influencers_workspace_created ON influencers (workspace_id, created_at DESC, id DESC);
      CREATE INDEX ix_influencers_workspace_tier_created ON influencers (workspace_id, tier, created_at DESC, id DESC);
      CREATE INDEX ix_influencers_tags ON influencers USING gin (tags);

      CREATE TABLE social_accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        influencer_id uuid NOT NULL REFERENCES influencers(id) ON DELETE CASCADE,
        platform text NOT NULL,
        handle text NOT NULL,
        url text,
        followers bigint NOT NULL CHECK (followers >= 0),
        engagement_rate numeric(7,4) CHECK (engagement_rate BETWEEN 0 AND 100),
        as_of date,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_social_accounts_workspace_platform_handle ON social_accounts (workspace_id, platform, lower(handle));
      CREATE INDEX ix_social_accounts_influencer ON social_accounts (influencer_id);

      CREATE TABLE relationships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        brand_id uuid NOT NULL REFERENCES brands(id) ON DELETE RESTRICT,
        influencer_id uuid NOT NULL REFERENCES influencers(id) ON DELETE RESTRICT,
        owner_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'prospect' CHECK (status IN ('prospect','active','lapsed','ended')),
        notes text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_relationships_brand_influencer UNIQUE (workspace_id, brand_id, influencer_id)
      );
      CREATE INDEX ix_relationships_influencer ON relationships (influencer_id);
      CREATE INDEX ix_relationships_workspace_status ON relationships (workspace_id, status, created_at DESC);

      CREATE TABLE contracts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        relationship_id uuid NOT NULL REFERENCES relationships(id) ON DELETE RESTRICT,
        previous_contract_id uuid REFERENCES contracts(id) ON DELETE RESTRICT,
        term_number integer NOT NULL DEFAULT 1 CHECK (term_number >= 1),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','active','renewed','ended','terminated')),
        start_date date NOT NULL,
        end_date date NOT NULL,
        currency char(3) NOT NULL,
        retainer_monthly numeric(20,4) NOT NULL DEFAULT 0 CHECK (retainer_monthly >= 0),
        fee_per_deliverable numeric(20,4) NOT NULL DEFAULT 0 CHECK (fee_per_deliverable >= 0),
        commission_rate numeric(7,4) NOT NULL DEFAULT 0 CHECK (commission_rate BETWEEN 0 AND 100),
        gifting_budget numeric(20,4) NOT NULL DEFAULT 0 CHECK (gifting_budget >= 0),
        deliverable_plan jsonb NOT NULL DEFAULT '[]',
        auto_renew boolean NOT NULL DEFAULT false,
        renewal_term_months integer CHECK (renewal_term_months BETWEEN 1 AND 60),
        notice_period_days integer NOT NULL DEFAULT 0 CHECK (notice_period_days BETWEEN 0 AND 365),
        reminder_days_before integer[] NOT NULL DEFAULT '{60,30,7}',
        exclusivity_category text,
        exclusivity_until date,
        usage_rights_until date,
        notes text,
        auto_renew_cancelled_at timestamptz,
        activated_at timestamptz,
        termination_date date,
        terminated_at timestamptz,
        created_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_contracts_dates CHECK (end_date > start_date),
        CONSTRAINT uq_contracts_relationship_term UNIQUE (relationship_id, term_number)
      );
      CREATE UNIQUE INDEX uq_contracts_one_active ON contracts (relationship_id) WHERE status = 'active';
      CREATE UNIQUE INDEX uq_contracts_previous ON contracts (previous_contract_id) WHERE previous_contract_id IS NOT NULL;
      CREATE INDEX ix_contracts_active_end ON contracts (end_date) WHERE status = 'active';
      CREATE INDEX ix_contracts_workspace_status_end ON contracts (workspace_id, status, end_date);

      CREATE TABLE deliverables (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        contract_id uuid NOT NULL REFERENCES contracts(id) ON DELETE RESTRICT,
        relationship_id uuid NOT NULL REFERENCES relationships(id) ON DELETE RESTRICT,
        social_account_id uuid REFERENCES social_accounts(id) ON DELETE SET NULL,
        type text NOT NULL CHECK (type IN ('post','story','reel','video','short','blog','live','other')),
        platform text NOT NULL,
        due_date date NOT NULL,
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','submitted','changes_requested','approved','published','missed','cancelled')),
        brief text,
        content_url text,
        caption text,
        review_comment text,
        post_url text,
        published_at timestamptz,
        followers_at_publish bigint,
        fee numeric(20,4) NOT NULL DEFAULT 0 CHECK (fee >= 0),
        submitted_at timestamptz,
        approved_at timestamptz,
        missed_at timestamptz,
        cancelled_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_deliverables_contract ON deliverables (contract_id, due_date);
      CREATE INDEX ix_deliverables_open_due ON deliverables (due_date) WHERE status IN ('planned','submitted','changes_requested','approved');
      CREATE INDEX ix_deliverables_workspace_status_due ON deliverables (workspace_id, status, due_date);

      CREATE TABLE metric_snapshots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        deliverable_id uuid NOT NULL REFERENCES deliverables(id) ON DELETE CASCADE,
        impressions bigint NOT NULL DEFAULT 0 CHECK (impressions >= 0),
        reach bigint NOT NULL DEFAULT 0 CHECK (reach >= 0),
        views bigint NOT NULL DEFAULT 0 CHECK (views >= 0),
        likes bigint NOT NULL DEFAULT 0 CHECK (likes >= 0),
        comments bigint NOT NULL DEFAULT 0 CHECK (comments >= 0),
        shares bigint NOT NULL DEFAULT 0 CHECK (shares >= 0),
        saves bigint NOT NULL DEFAULT 0 CHECK (saves >= 0),
        clicks bigint NOT NULL DEFAULT 0 CHECK (clicks >= 0),
        captured_at timestamptz NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_metric_snapshots_latest ON metric_snapshots (deliverable_id, captured_at DESC, created_at DESC);

      CREATE TABLE tracking_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        relationship_id uuid NOT NULL REFERENCES relationships(id) ON DELETE RESTRICT,
        kind text NOT NULL CHECK (kind IN ('code','link')),
        code text NOT NULL,
        destination_url text,
        valid_from timestamptz,
        valid_to timestamptz,
        deleted_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT ck_tracking_codes_window CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from)
      );
      CREATE UNIQUE INDEX uq_tracking_codes_workspace_code ON tracking_codes (workspace_id, lower(code)) WHERE deleted_at IS NULL;
      CREATE INDEX ix_tracking_codes_relationship ON tracking_codes (relationship_id);

      CREATE TABLE conversions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        relationship_id uuid REFERENCES relationships(id) ON DELETE RESTRICT,
        contract_id uuid REFERENCES contracts(id) ON DELETE RESTRICT,
        tracking_code_id uuid REFERENCES tracking_codes(id) ON DELETE SET NULL,
        source text NOT NULL CHECK (source IN ('api','shopify','csv')),
        external_id text NOT NULL,
        occurred_at timestamptz NOT NULL,
        attributed_by text CHECK (attributed_by IN ('relationship','code','link')),
        customer_type text CHECK (customer_type IN ('new','returning')),
        currency char(3) NOT NULL,
        gross_amount numeric(20,4) NOT NULL CHECK (gross_amount >= 0),
        discount_amount numeric(20,4) NOT NULL DEFAULT 0 CHECK (discount_amount >= 0),
        net_amount numeric(20,4) NOT NULL CHECK (net_amount >= 0),
        original_currency char(3),
        original_net_amount numeric(20,4),
        fx_rate numeric(20,10),
        commission_rate numeric(7,4),
        commission_amount numeric(20,4) NOT NULL DEFAULT 0,
        reversed_amount numeric(20,4) NOT NULL DEFAULT 0 CHECK (reversed_amount >= 0 AND reversed_amount <= net_amount),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','reversed')),
        approved_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_conversions_workspace_source_external UNIQUE (workspace_id, source, external_id)
      );
      CREATE INDEX ix_conversions_relationship_occurred ON conversions (relationship_id, occurred_at);
      CREATE INDEX ix_conversions_workspace_occurred ON conversions (workspace_id, occurred_at DESC, id DESC);
      CREATE INDEX ix_conversions_pending ON conversions (occurred_at) WHERE status = 'pending';

      CREATE TABLE conversion_reversals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        conversion_id uuid NOT NULL REFERENCES conversions(id) ON DELETE CASCADE,
        amount numeric(20,4) NOT NULL CHECK (amount > 0),
        reason text NOT NULL,
        external_id text,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_conversion_reversals_external ON conversion_reversals (conversion_id, external_id) WHERE external_id IS NOT NULL;

      CREATE TABLE cost_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        relationship_id uuid NOT NULL REFERENCES relationships(id) ON DELETE RESTRICT,
        contract_id uuid REFERENCES contracts(id) ON DELETE RESTRICT,
        kind text NOT NULL CHECK (kind IN ('retainer','deliverable_fee','commission','product','other')),
        amount numeric(20,4) NOT NULL,
        currency char(3) NOT NULL,
        incurred_on date NOT NULL,
        source_id uuid,
        description text,
        created_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_cost_entries_accrual ON cost_entries (contract_id, kind, incurred_on) WHERE kind = 'retainer';
      CREATE UNIQUE INDEX uq_cost_entries_source ON cost_entries (kind, source_id) WHERE source_id IS NOT NULL;
      CREATE INDEX ix_cost_entries_relationship_day ON cost_entries (relationship_id, incurred_on);

      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('renewal_upcoming','notice_deadline','renewed','ended','deliverable_due_soon','deliverable_overdue','approval_waiting','quarterly_report')),
        subject_type text NOT NULL CHECK (subject_type IN ('contract','deliverable','brand')),
        subject_id uuid NOT NULL,
        offset_days integer NOT NULL DEFAULT 0,
        period text NOT NULL DEFAULT '',
        recipients text[] NOT NULL DEFAULT '{}',
        subject_line text,
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','sent','late','skipped','failed')),
        late boolean NOT NULL DEFAULT false,
        due_at timestamptz NOT NULL,
        sent_at timestamptz,
        message_id text,
        error text,
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_notifications_subject_kind_offset UNIQUE (subject_id, kind, offset_days, period)
      );
      CREATE INDEX ix_notifications_workspace_created ON notifications (workspace_id, created_at DESC, id DESC);
      CREATE INDEX ix_notifications_unsent ON notifications (due_at) WHERE status = 'scheduled';

      CREATE TABLE email_suppressions (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        email text NOT NULL,
        reason text NOT NULL DEFAULT 'unsubscribed',
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX uq_email_suppressions_workspace_email ON email_suppressions (workspace_id, lower(email));

      CREATE TABLE relationship_daily_stats (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        relationship_id uuid NOT NULL REFERENCES relationships(id) ON DELETE CASCADE,
        day date NOT NULL,
        conversions integer NOT NULL DEFAULT 0,
        revenue numeric(20,4) NOT NULL DEFAULT 0,
        reversals numeric(20,4) NOT NULL DEFAULT 0,
        commission numeric(20,4) NOT NULL DEFAULT 0,
        spend_retainer numeric(20,4) NOT NULL DEFAULT 0,
        spend_deliverable_fee numeric(20,4) NOT NULL DEFAULT 0,
        spend_commission numeric(20,4) NOT NULL DEFAULT 0,
        spend_product numeric(20,4) NOT NULL DEFAULT 0,
        spend_other numeric(20,4) NOT NULL DEFAULT 0,
        impressions bigint NOT NULL DEFAULT 0,
        reach bigint NOT NULL DEFAULT 0,
        views bigint NOT NULL DEFAULT 0,
        engagements bigint NOT NULL DEFAULT 0,
        clicks bigint NOT NULL DEFAULT 0,
        deliverables_due integer NOT NULL DEFAULT 0,
        deliverables_published integer NOT NULL DEFAULT 0,
        deliverables_missed integer NOT NULL DEFAULT 0,
        emv numeric(20,4) NOT NULL DEFAULT 0,
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT pk_relationship_daily_stats PRIMARY KEY (relationship_id, day)
      );
      CREATE INDEX ix_relationship_daily_stats_workspace_day ON relationship_daily_stats (workspace_id, day);

      CREATE TABLE rollup_dirty_days (
        relationship_id uuid NOT NULL REFERENCES relationships(id) ON DELETE CASCADE,
        day date NOT NULL,
        marked_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_rollup_dirty_days PRIMARY KEY (relationship_id, day)
      );

      CREATE TABLE quarterly_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        brand_id uuid NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
        quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
        data jsonb NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_quarterly_reports_brand_quarter UNIQUE (brand_id, quarter)
      );

      CREATE TABLE inbound_webhooks (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        source text NOT NULL,
        external_id text NOT NULL,
        topic text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_inbound_webhooks PRIMARY KEY (workspace_id, source, external_id)
      );

      CREATE TABLE idempotency_keys (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        key text NOT NULL,
        request_hash text NOT NULL,
        status_code integer,
        response_body jsonb,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT pk_idempotency_keys PRIMARY KEY (workspace_id, key)
      );

      CREATE TABLE activity_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        relationship_id uuid,
        actor_user_id uuid,
        actor_api_key_id uuid,
        action text NOT NULL,
        changes jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_activity_log_workspace_created ON activity_log (workspace_id, created_at DESC, id DESC);
      CREATE INDEX ix_activity_log_relationship ON activity_log (relationship_id, created_at DESC) WHERE relationship_id IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS activity_log, idempotency_keys, inbound_webhooks, quarterly_reports, rollup_dirty_days,
        relationship_daily_stats, email_suppressions, notifications, cost_entries, conversion_reversals, conversions,
        tracking_codes, metric_snapshots, deliverables, contracts, relationships, social_accounts, influencers,
        brand_managers, brands, api_keys, members, users, workspaces CASCADE;
    `);
  }
}
