import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, RequestContext } from '@app/common';
import { ActivityEntityType } from './activity.service';

export interface AuditFilter {
  entityType?: ActivityEntityType;
  entityId?: string;
  action?: string;
  actorUserId?: string;
  actorApiKeyId?: string;
  /** createdAt >= from */
  from?: string;
  /** createdAt < to */
  to?: string;
}

export interface AuditEntry {
  id: string;
  entityType: ActivityEntityType;
  entityId: string;
  relationshipId: string | null;
  action: string;
  changes: Record<string, unknown>;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  /** Who the actor is now: the user's email and name, the key's name and prefix (kept after a removal or a revocation). */
  actorEmail: string | null;
  actorName: string | null;
  actorKeyPrefix: string | null;
  createdAt: Date;
}

const columns: [keyof AuditFilter, string][] = [
  ['entityType', 'a.entity_type = $'],
  ['entityId', 'a.entity_id = $'],
  ['action', 'a.action = $'],
  ['actorUserId', 'a.actor_user_id = $'],
  ['actorApiKeyId', 'a.actor_api_key_id = $'],
  ['from', 'a.created_at >= $'],
  ['to', 'a.created_at < $'],
];

/**
 * The workspace's whole activity log for admins, newest first, keyset-paged on (created_at, id): the index
 * ix_activity_log_workspace_created serves it. The same rows as each relationship's activity: one log.
 */
@Injectable()
export class AuditLogReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(filter: AuditFilter, limit: number, cursor?: string): Promise<AuditEntry[]> {
    const params: unknown[] = [RequestContext.workspaceId()];
    const where = ['a.workspace_id = $1'];
    for (const [key, condition] of columns) {
      if (filter[key] === undefined) continue;
      params.push(filter[key]);
      where.push(`${condition}${params.length}`);
    }
    const after = decodeCursor(cursor);
    if (after) {
      params.push(after.createdAt, after.id);
      where.push(`(a.created_at, a.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    return this.dataSource.query(
      `SELECT a.id, a.entity_type AS "entityType", a.entity_id AS "entityId", a.relationship_id AS "relationshipId", a.action, a.changes,
              a.actor_user_id AS "actorUserId", a.actor_api_key_id AS "actorApiKeyId", u.email AS "actorEmail", coalesce(u.name, k.name) AS "actorName",
              k.prefix AS "actorKeyPrefix", a.created_at AS "createdAt"
         FROM activity_log a
         LEFT JOIN users u ON u.id = a.actor_user_id
         LEFT JOIN api_keys k ON k.id = a.actor_api_key_id AND k.workspace_id = a.workspace_id
        WHERE ${where.join(' AND ')}
        ORDER BY a.created_at DESC, a.id DESC
        LIMIT $${params.length}`,
      params,
    );
  }
}
