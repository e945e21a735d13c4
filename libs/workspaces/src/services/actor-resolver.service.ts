import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, Role } from '@app/common';
import { ActorCache } from './actor-cache';
import { API_KEY_PREFIX, hashApiKey } from './api-key-secret';
import { TokenService } from './token.service';

interface KeyGrant {
  id: string;
  workspaceId: string;
  role: Role;
  /** When this process last refreshed the key's last_used_at (or found it fresh). */
  touchedAt: number;
}

const TOUCH_EVERY_MS = 60_000;

/**
 * Turns a bearer token into an actor. Roles come from the database and are kept by ActorCache, which
 * every process empties when a member or key changes (NOTIFY at commit), so a revoked key or a removed
 * member loses access at once, on every replica.
 */
@Injectable()
export class ActorResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly cache: ActorCache,
  ) {}

  async resolve(token: string): Promise<Actor | undefined> {
    return token.startsWith(API_KEY_PREFIX) ? this.fromApiKey(token) : this.fromAccessToken(token);
  }

  private async fromAccessToken(token: string): Promise<Actor | undefined> {
    const claims = this.tokens.verify(token);
    if (!claims) return undefined;
    const role = await this.cache.get(`m:${claims.wid}:${claims.sub}`, async () => {
      const rows: { role: Role }[] = await this.dataSource.query('SELECT role FROM members WHERE workspace_id = $1 AND user_id = $2', [
        claims.wid,
        claims.sub,
      ]);
      return rows[0]?.role;
    });
    return role ? { workspaceId: claims.wid, userId: claims.sub, role } : undefined;
  }

  private async fromApiKey(key: string): Promise<Actor | undefined> {
    const hash = hashApiKey(key);
    const grant = await this.cache.get(`k:${hash}`, () => this.readKey(hash));
    if (!grant) return undefined;
    if (Date.now() - grant.touchedAt >= TOUCH_EVERY_MS) {
      grant.touchedAt = Date.now();
      await this.dataSource.query(
        `UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [grant.id],
      );
    }
    return { workspaceId: grant.workspaceId, apiKeyId: grant.id, role: grant.role };
  }

  private async readKey(hash: string): Promise<KeyGrant | undefined> {
    // last_used_at is refreshed at most once a minute so reads do not turn into a write per request.
    const rows: { id: string; workspace_id: string; role: Role }[] = await this.dataSource.query(
      `WITH k AS (SELECT id, workspace_id, role, last_used_at FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL),
            touched AS (UPDATE api_keys SET last_used_at = now() WHERE id = (SELECT id FROM k) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute'))
       SELECT id, workspace_id, role FROM k`,
      [hash],
    );
    return rows[0] && { id: rows[0].id, workspaceId: rows[0].workspace_id, role: rows[0].role, touchedAt: Date.now() };
  }
}
