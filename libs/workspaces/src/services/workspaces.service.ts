import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActivityService, REDACTED } from '@app/activity';
import { Actor, NotFoundException, RequestContext } from '@app/common';
import { ApiKey } from '../entities/api-key.entity';
import { User } from '../entities/user.entity';
import { Workspace } from '../entities/workspace.entity';

export interface Me {
  actor: Actor;
  workspace: Workspace;
  user: User | null;
  apiKey: ApiKey | null;
}

@Injectable()
export class WorkspacesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activity: ActivityService,
  ) {}

  /** The current workspace; other contexts read settings (tier thresholds, locking period) through this. */
  async current(): Promise<Workspace> {
    const id = RequestContext.workspaceId();
    const workspace = await this.dataSource.getRepository(Workspace).findOneBy({ id });
    if (!workspace) throw new NotFoundException('Workspace', id);
    return workspace;
  }

  async me(): Promise<Me> {
    const actor = RequestContext.actor();
    const [workspace, user, apiKey] = await Promise.all([
      this.current(),
      actor.userId ? this.dataSource.getRepository(User).findOneBy({ id: actor.userId }) : null,
      actor.apiKeyId ? this.dataSource.getRepository(ApiKey).findOneBy({ id: actor.apiKeyId }) : null,
    ]);
    return { actor, workspace, user, apiKey };
  }

  /** The workspaces the calling user may enter (the console's switcher), oldest membership first; an API key has its own only. */
  async mine(): Promise<{ id: string; name: string; role: string }[]> {
    const actor = RequestContext.actor();
    if (!actor.userId)
      return this.dataSource.query('SELECT id, name, $2::text AS role FROM workspaces WHERE id = $1', [actor.workspaceId, actor.role]);
    return this.dataSource.query(
      `SELECT w.id, w.name, m.role FROM members m JOIN workspaces w ON w.id = m.workspace_id
        WHERE m.user_id = $1 ORDER BY m.created_at, w.id`,
      [actor.userId],
    );
  }

  /** Admin-only at the route; stored as given, never returned by any read, logged as set or rotated (redacted). */
  async setShopifySecret(secret: string): Promise<void> {
    const id = RequestContext.workspaceId();
    await this.dataSource.transaction(async (manager) => {
      const [row]: { had: boolean }[] = await manager.query(
        'SELECT shopify_webhook_secret IS NOT NULL AS had FROM workspaces WHERE id = $1 FOR UPDATE',
        [id],
      );
      await manager.getRepository(Workspace).update({ id }, { shopifyWebhookSecret: secret });
      const action = row?.had ? 'webhook_secret_rotated' : 'webhook_secret_set';
      await this.activity.record(manager, {
        entityType: 'workspace',
        entityId: id,
        action,
        changes: { shopifyWebhookSecret: { from: row?.had ? REDACTED : null, to: REDACTED } },
      });
    });
  }

  /** Read before any actor exists (signed webhooks): null for an unknown workspace or one without a secret. */
  async shopifySecretOf(workspaceId: string): Promise<string | null> {
    const rows: { secret: string | null }[] = await this.dataSource.query(
      'SELECT shopify_webhook_secret AS secret FROM workspaces WHERE id = $1',
      [workspaceId],
    );
    return rows[0]?.secret ?? null;
  }
}
