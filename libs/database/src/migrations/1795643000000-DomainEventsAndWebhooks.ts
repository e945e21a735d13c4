import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The domain-event outbox and outbound webhooks (docs/webhooks.md):
 * - domain_events: written in the transaction of the change it records. `id` is a time-ordered uuid (v7,
 *   made by uuid_v7() since PostgreSQL 15 has none) and is the `webhook-id` receivers deduplicate on; `seq`
 *   orders the events exactly, as several rows of one statement share a millisecond. The partial index
 *   holds only what the dispatcher has not handed out yet, so it stays small however long the table grows.
 * - webhook_endpoints: a workspace's subscribers; the signing secret is kept (it signs every delivery),
 *   the previous one for the 24 hours after a rotation.
 * - webhook_deliveries: one row per (endpoint, event), the unit that is delivered exactly once;
 *   webhook_delivery_attempts: every attempt with its outcome.
 */
export class DomainEventsAndWebhooks1795643000000 implements MigrationInterface {
  name = 'DomainEventsAndWebhooks1795643000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
        SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
          PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
      $$;

      CREATE TABLE domain_events (
        id uuid PRIMARY KEY DEFAULT uuid_v7(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        type text NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        occurred_at timestamptz(3) NOT NULL DEFAULT now(),
        data jsonb NOT NULL,
        dispatched_at timestamptz(3),
        CONSTRAINT uq_domain_events_seq UNIQUE (seq)
      );
      CREATE INDEX ix_domain_events_undispatched ON domain_events (seq) WHERE dispatched_at IS NULL;
      CREATE INDEX ix_domain_events_workspace_occurred ON domain_events (workspace_id, occurred_at, seq);
      CREATE INDEX ix_domain_events_dispatched_at ON domain_events (dispatched_at) WHERE dispatched_at IS NOT NULL;

      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        url text NOT NULL,
        description text,
        event_types text[],
        enabled boolean NOT NULL DEFAULT true,
        secret text NOT NULL,
        previous_secret text,
        previous_secret_expires_at timestamptz,
        failing_since timestamptz,
        disabled_reason text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX ix_webhook_endpoints_workspace ON webhook_endpoints (workspace_id, created_at DESC, id DESC);

      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES domain_events(id) ON DELETE CASCADE,
        event_seq bigint NOT NULL,
        subject_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','failed')),
        attempts integer NOT NULL DEFAULT 0,
        claimed_until timestamptz(3),
        next_attempt_at timestamptz(3),
        last_attempt_at timestamptz(3),
        last_response_status integer,
        last_error text,
        delivered_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_webhook_deliveries_endpoint_event UNIQUE (endpoint_id, event_id)
      );
      CREATE INDEX ix_webhook_deliveries_endpoint_created ON webhook_deliveries (endpoint_id, created_at DESC, id DESC);
      CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries (endpoint_id, subject_id, event_seq) WHERE status = 'pending';
      CREATE INDEX ix_webhook_deliveries_event ON webhook_deliveries (event_id);

      CREATE TABLE webhook_delivery_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        attempted_at timestamptz(3) NOT NULL DEFAULT now(),
        duration_ms integer NOT NULL,
        response_status integer,
        response_excerpt text,
        error text,
        delivered boolean NOT NULL
      );
      CREATE INDEX ix_webhook_delivery_attempts_delivery ON webhook_delivery_attempts (delivery_id, attempted_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE webhook_delivery_attempts;
      DROP TABLE webhook_deliveries;
      DROP TABLE webhook_endpoints;
      DROP TABLE domain_events;
      DROP FUNCTION uuid_v7();
    `);
  }
}
