import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, Role } from '@app/common';
import { API_KEY_PREFIX, hashApiKey } from './api-key-secret';
import { TokenService } from './token.service';

/**
 * Turns a bearer token into an actor. Roles are read from the database on every request (one indexed
 * lookup), so a revoked key or a removed member loses access at once, on every replica.
 */
@Injectable()
export class ActorResolver {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
  ) {}

  async resolve(token: string): Promise<Actor | undefined> {
    return token.startsWith(API_KEY_PREFIX) ? this.fromApiKey(token) : this.fromAccessToken(token);
  }

  private async fromAccessToken(token: string): Promise<Actor | undefined> {
    const claims = this.tokens.verify(token);
    if (!claims) return undefined;
    const rows: { role: Role }[] = await this.dataSource.query('SELECT role FROM members WHERE workspace_id = $1 AND user_id = $2', [
      claims.wid,
      claims.sub,
    ]);
    return rows[0] ? { workspaceId: claims.wid, userId: claims.sub, role: rows[0].role } : undefined;
  }

  private async fromApiKey(key: string): Promise<Actor | undefined> {
    // last_used_at is refreshed at most once a minute so reads do not turn into a write per request.
    const rows: { id: string; workspace_id: string; role: Role }[] = await this.dataSource.query(
      `WITH k AS (SELECT id, workspace_id, role, last_used_at FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL),
            touched AS (UPDATE api_keys SET last_used_at = now() WHERE id = (SELECT id FROM k) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute'))
       SELECT id, workspace_id, role FROM k`,
      [hashApiKey(key)],
    );
    return rows[0] ? { workspaceId: rows[0].workspace_id, apiKeyId: rows[0].id, role: rows[0].role } : undefined;
  }
}
