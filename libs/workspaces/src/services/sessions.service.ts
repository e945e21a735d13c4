import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, Role } from '@app/common';
import { ActorCache } from './actor-cache';
import type { AccessTokenClaims } from './token.service';

/** How long a browser stays signed in without signing in again. */
export const SESSION_TTL_SECONDS = 14 * 24 * 3600;

const hashSessionToken = (token: string) => createHash('sha256').update(token).digest('hex');

type SessionActor = Actor & { expiresAt: Date };

/**
 * Browser sessions (web.md): a random token in an httpOnly cookie, stored hashed; deleting the row signs
 * out everywhere at once. Like access tokens, a session's user, workspace and role are kept by ActorCache
 * until a member or a session changes (the triggers of ActorChangeNotify and SessionChangeNotify notify
 * every process at commit), so a removed member or an ended session loses access at once.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: ActorCache,
  ) {}

  async open(claims: AccessTokenClaims): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const rows: { expires_at: Date }[] = await this.dataSource.query(
      `INSERT INTO sessions (token_hash, user_id, workspace_id, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))
       RETURNING expires_at`,
      [hashSessionToken(token), claims.sub, claims.wid, SESSION_TTL_SECONDS],
    );
    return { token, expiresAt: rows[0].expires_at };
  }

  async resolve(token: string): Promise<SessionActor | undefined> {
    const hash = hashSessionToken(token);
    const session = await this.cache.get(`s:${hash}`, () => this.read(hash));
    // A kept session still ends at its expiry (no notice comes for the clock).
    if (!session || session.expiresAt.getTime() > Date.now()) return session && { ...session };
    return undefined;
  }

  private async read(hash: string): Promise<SessionActor | undefined> {
    const rows: { user_id: string; workspace_id: string; role: Role; expires_at: Date }[] = await this.dataSource.query(
      `SELECT s.user_id, s.workspace_id, m.role, s.expires_at FROM sessions s
         JOIN members m ON m.workspace_id = s.workspace_id AND m.user_id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [hash],
    );
    const [row] = rows;
    return row && { workspaceId: row.workspace_id, userId: row.user_id, role: row.role, expiresAt: row.expires_at };
  }

  /** Moves the session to another workspace of its user (the console's switcher); false when they are no member there. */
  async switchWorkspace(token: string, workspaceId: string): Promise<boolean> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `UPDATE sessions s SET workspace_id = $2 WHERE s.token_hash = $1 AND s.expires_at > now()
          AND EXISTS (SELECT 1 FROM members m WHERE m.workspace_id = $2 AND m.user_id = s.user_id)`,
      [hashSessionToken(token), workspaceId],
    );
    return count === 1;
  }

  /** Ends the session of `token`; an unknown or already ended one is no error (signing out twice is fine). */
  async end(token: string): Promise<void> {
    await this.dataSource.query('DELETE FROM sessions WHERE token_hash = $1', [hashSessionToken(token)]);
  }
}
