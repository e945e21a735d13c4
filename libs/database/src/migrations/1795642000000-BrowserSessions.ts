import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-ins of the browser console (POST /v1/auth/session): the cookie carries a random token, only its
 * SHA-256 is kept, so a copy of the table opens nothing. Signing out deletes the row, which ends the
 * session on every replica at once (a JWT could not be taken back). A removed member or user takes
 * their sessions along.
 */
export class BrowserSessions1795642000000 implements MigrationInterface {
  name = 'BrowserSessions1795642000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT uq_sessions_token_hash UNIQUE (token_hash)
      );
      CREATE INDEX ix_sessions_user ON sessions (user_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sessions`);
  }
}
