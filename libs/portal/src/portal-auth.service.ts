import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, isUuid, NotFoundException } from '@app/common';
import { AppConfig } from '@app/config';
import { NotificationSchedule, verifyPortalLink } from '@app/notifications';
import { PortalException } from './portal.exception';
import { hashToken, PORTAL_SESSION_DAYS, SIGN_IN_MINUTES, signInToken } from './portal-tokens';

/** The ambassador a portal session belongs to. */
export interface PortalPrincipal {
  sessionId: string;
  workspaceId: string;
  influencerId: string;
  expiresAt: Date;
}

export interface PortalSessionView {
  id: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  expiresAt: Date;
  current: boolean;
}

export interface OpenedSession {
  token: string;
  expiresAt: Date;
  /** The portal page to land on (a path under /portal). */
  path: string;
}

/** The sign-in email of a new sign_in row, to the influencer's address. */
const SIGN_IN_EMAIL = `SELECT s.workspace_id, 'portal_sign_in', 'portal_sign_in', s.id, 0, '', 'influencer', ARRAY[i.email], 'scheduled', false, s.created_at
  FROM portal_sign_ins s JOIN influencers i ON i.id = s.influencer_id WHERE s.id = :id`;

const DAY_MS = 24 * 3600 * 1000;

/**
 * Ambassadors sign in by email (docs/portal.md): a sign-in link (15 minutes) or the link of any email we sent
 * them (7 days, libs/notifications portal-links.ts); either works once and opens a 30-day session kept hashed
 * like the console's. Every time is the Clock's, so tests can move it.
 */
@Injectable()
export class PortalAuth {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly notifications: NotificationSchedule,
  ) {}

  /** Emails a sign-in link when `email` is an influencer of the workspace; otherwise nothing (the caller answers the same). */
  async requestSignIn(workspaceId: string, email: string): Promise<void> {
    if (!isUuid(workspaceId)) return;
    const [influencer]: { id: string }[] = await this.db.query(
      'SELECT id FROM influencers WHERE workspace_id = $1 AND lower(email) = lower($2)',
      [workspaceId, email.trim()],
    );
    if (!influencer) return;
    const id = randomUUID();
    const now = this.clock.now();
    const ids = await this.db.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO portal_sign_ins (id, workspace_id, influencer_id, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          id,
          workspaceId,
          influencer.id,
          hashToken(signInToken(this.config.JWT_SECRET, id)),
          new Date(now.getTime() + SIGN_IN_MINUTES * 60_000),
          now,
        ],
      );
      return this.notifications.insert(SIGN_IN_EMAIL, { id }, manager);
    });
    await this.notifications.send(ids);
  }

  /**
   * Trades a link's token for a session. A signed email link (it has a dot) is checked by its signature and
   * expiry, then marked used; a sign-in token by its row. Used or expired: 410 naming the workspace; anything else 400.
   */
  async exchange(token: string, client: { ip: string | null; userAgent: string | null }): Promise<OpenedSession> {
    const now = this.clock.now();
    const target = token.includes('.') ? await this.useEmailLink(token, now) : await this.useSignIn(token, now);
    const session = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + PORTAL_SESSION_DAYS * DAY_MS);
    await this.db.query(
      `INSERT INTO portal_sessions (token_hash, workspace_id, influencer_id, ip, user_agent, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [hashToken(session), target.workspaceId, target.influencerId, client.ip, client.userAgent?.slice(0, 500) ?? null, expiresAt, now],
    );
    return { token: session, expiresAt, path: target.path };
  }

  private async useSignIn(token: string, now: Date): Promise<{ workspaceId: string; influencerId: string; path: string }> {
    const hash = hashToken(token);
    // An UPDATE answers [rows, count].
    const [[used]]: [{ workspaceId: string; influencerId: string }[], number] = await this.db.query(
      `UPDATE portal_sign_ins SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
       RETURNING workspace_id AS "workspaceId", influencer_id AS "influencerId"`,
      [hash, now],
    );
    if (used) return { ...used, path: '/' };
    const [row]: { workspaceId: string; usedAt: Date | null }[] = await this.db.query(
      'SELECT workspace_id AS "workspaceId", used_at AS "usedAt" FROM portal_sign_ins WHERE token_hash = $1',
      [hash],
    );
    if (!row) throw PortalException.invalidLink();
    throw PortalException.goneLink(row.usedAt ? 'used' : 'expired', row.workspaceId);
  }

  private async useEmailLink(token: string, now: Date): Promise<{ workspaceId: string; influencerId: string; path: string }> {
    const check = verifyPortalLink(this.config.JWT_SECRET, token, now);
    if (check.state === 'invalid') throw PortalException.invalidLink();
    if (check.state === 'expired') {
      const workspaceId = verifyPortalLink(this.config.JWT_SECRET, token, new Date(0));
      throw PortalException.goneLink('expired', workspaceId.state === 'valid' ? workspaceId.value.workspaceId : '');
    }
    const { workspaceId, influencerId } = check.value;
    const [influencer] = await this.db.query('SELECT 1 FROM influencers WHERE id = $1 AND workspace_id = $2', [influencerId, workspaceId]);
    if (!influencer) throw PortalException.invalidLink();
    const fresh = await this.db.query(
      'INSERT INTO portal_link_uses (token_hash, workspace_id, used_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING token_hash',
      [hashToken(token), workspaceId, now],
    );
    if (!fresh.length) throw PortalException.goneLink('used', workspaceId);
    return check.value;
  }

  async resolve(token: string): Promise<PortalPrincipal | undefined> {
    const [row]: PortalPrincipal[] = await this.db.query(
      `SELECT s.id AS "sessionId", s.workspace_id AS "workspaceId", s.influencer_id AS "influencerId", s.expires_at AS "expiresAt"
         FROM portal_sessions s JOIN influencers i ON i.id = s.influencer_id AND i.workspace_id = s.workspace_id
        WHERE s.token_hash = $1 AND s.expires_at > $2`,
      [hashToken(token), this.clock.now()],
    );
    return row;
  }

  /** The ambassador's sessions, newest first; `current` marks the one asking. */
  sessions(principal: PortalPrincipal): Promise<PortalSessionView[]> {
    return this.db.query(
      `SELECT id, ip, user_agent AS "userAgent", created_at AS "createdAt", expires_at AS "expiresAt", id = $3 AS current
         FROM portal_sessions WHERE workspace_id = $1 AND influencer_id = $2 AND expires_at > $4 ORDER BY created_at DESC, id`,
      [principal.workspaceId, principal.influencerId, principal.sessionId, this.clock.now()],
    );
  }

  /** Ends one of the ambassador's own sessions; 404 for anyone else's. */
  async revoke(principal: PortalPrincipal, sessionId: string): Promise<void> {
    const [, count]: [unknown, number] = await this.db.query(
      'DELETE FROM portal_sessions WHERE id = $1 AND workspace_id = $2 AND influencer_id = $3',
      [sessionId, principal.workspaceId, principal.influencerId],
    );
    if (!count) throw new NotFoundException('Portal session', sessionId);
  }

  /** Signs the ambassador out of every portal session (a manager's call); the number ended. */
  async revokeAll(workspaceId: string, influencerId: string): Promise<number> {
    const [, count]: [unknown, number] = await this.db.query('DELETE FROM portal_sessions WHERE workspace_id = $1 AND influencer_id = $2', [
      workspaceId,
      influencerId,
    ]);
    return count;
  }

  async end(token: string): Promise<void> {
    await this.db.query('DELETE FROM portal_sessions WHERE token_hash = $1', [hashToken(token)]);
  }
}
