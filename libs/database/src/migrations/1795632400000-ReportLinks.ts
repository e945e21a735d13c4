import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Links to a quarterly report page that work without a bearer token: one per report email (made when the
 * email is first rendered, unique per notification) and one per share (POST /v1/reports/quarterly/share).
 * Each keeps the report as it was when made (`report`, the JSON the page renders), so a link of an open
 * quarter shows the figures its email showed, not later ones; an admin may list and revoke them.
 */
export class ReportLinks1795632400000 implements MigrationInterface {
  name = 'ReportLinks1795632400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        brand_id uuid NOT NULL REFERENCES brands(id) ON DELETE CASCADE,
        quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
        source text NOT NULL CHECK (source IN ('email', 'share')),
        notification_id uuid REFERENCES notifications(id) ON DELETE CASCADE,
        report jsonb NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_report_links_notification UNIQUE (notification_id),
        CONSTRAINT ck_report_links_source CHECK ((source = 'email') = (notification_id IS NOT NULL))
      );
      CREATE INDEX ix_report_links_workspace_created ON report_links (workspace_id, created_at DESC, id DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_links`);
  }
}
