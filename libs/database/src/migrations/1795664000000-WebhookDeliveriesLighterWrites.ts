import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, bench/webhooks: fewer writes per delivery (docs/webhooks.md, "Writes per delivery").
 * - A first attempt that succeeded is kept on the delivery row (`first_attempt_*`), not as a row of
 *   webhook_delivery_attempts: that row, its two index entries and its foreign-key check were paid by nearly every
 *   delivery. Failed attempts and any later attempt keep their rows; the API reads attempt 1 from these columns.
 *   Rows recorded before this migration stay where they are and read as before.
 * - The natural key's unique index leads with event_id, so it also serves the lookups by event (the cascade from
 *   domain_events, the retention's check), and ix_webhook_deliveries_event goes: one index entry less on each
 *   insert and on each update that is not HOT.
 * - No foreign key from workspace_id: the endpoint's key already removes a workspace's deliveries with it (the
 *   endpoint goes with its workspace), and the dispatch paid one more check per delivery inserted.
 * Building the new unique index blocks writes to webhook_deliveries while it runs (seconds per million rows).
 */
export class WebhookDeliveriesLighterWrites1795664000000 implements MigrationInterface {
  name = 'WebhookDeliveriesLighterWrites1795664000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE webhook_deliveries
        ADD COLUMN first_attempt_at timestamptz(3),
        ADD COLUMN first_attempt_duration_ms integer,
        ADD COLUMN first_attempt_status integer,
        ADD COLUMN first_attempt_excerpt text,
        DROP CONSTRAINT webhook_deliveries_workspace_id_fkey;
      CREATE UNIQUE INDEX uq_webhook_deliveries_event_endpoint ON webhook_deliveries (event_id, endpoint_id);
      ALTER TABLE webhook_deliveries DROP CONSTRAINT uq_webhook_deliveries_endpoint_event,
        ADD CONSTRAINT uq_webhook_deliveries_event_endpoint UNIQUE USING INDEX uq_webhook_deliveries_event_endpoint;
      DROP INDEX ix_webhook_deliveries_event;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX ix_webhook_deliveries_event ON webhook_deliveries (event_id);
      CREATE UNIQUE INDEX uq_webhook_deliveries_endpoint_event ON webhook_deliveries (endpoint_id, event_id);
      ALTER TABLE webhook_deliveries DROP CONSTRAINT uq_webhook_deliveries_event_endpoint,
        ADD CONSTRAINT uq_webhook_deliveries_endpoint_event UNIQUE USING INDEX uq_webhook_deliveries_endpoint_event;
      INSERT INTO webhook_delivery_attempts (delivery_id, attempted_at, duration_ms, response_status, response_excerpt, error, delivered)
      SELECT id, first_attempt_at, first_attempt_duration_ms, first_attempt_status, first_attempt_excerpt, NULL, true
      FROM webhook_deliveries WHERE first_attempt_at IS NOT NULL;
      ALTER TABLE webhook_deliveries
        DROP COLUMN first_attempt_at,
        DROP COLUMN first_attempt_duration_ms,
        DROP COLUMN first_attempt_status,
        DROP COLUMN first_attempt_excerpt,
        ADD CONSTRAINT webhook_deliveries_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES workspaces(id) ON DELETE CASCADE;
    `);
  }
}
