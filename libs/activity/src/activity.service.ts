import { v7 as uuidv7 } from 'uuid';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, RequestContext } from '@app/common';
import { ActivityEntry } from './activity-entry.entity';
import { redactSecrets } from './audit-redaction';

/** What the log records changes of; the audit log filters on these names. */
export const ACTIVITY_ENTITY_TYPES = [
  'workspace',
  'member',
  'invitation',
  'api_key',
  'brand',
  'relationship',
  'contract',
  'deliverable',
  'tracking_code',
  'conversion',
  'cost',
  'report_link',
  'payout_method',
  'payout_run',
  'payout',
  'webhook_endpoint',
] as const;
export type ActivityEntityType = (typeof ACTIVITY_ENTITY_TYPES)[number];

export interface ActivityInput {
  entityType: ActivityEntityType;
  entityId: string;
  relationshipId?: string | null;
  /** e.g. created, updated, activated, renewed, terminated, submitted, published */
  action: string;
  /** What changed: `{field: {from, to}}` for updates, the salient values otherwise. Secret-looking fields are redacted. */
  changes?: Record<string, unknown>;
}

/** {field: {from, to}} for the fields whose value differs. */
export function diff<T extends object>(before: T, after: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after)) {
    const from = (before as Record<string, unknown>)[key];
    if (to !== undefined && JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}

@Injectable()
export class ActivityService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Written in the caller's transaction, so a change and its record commit or roll back together. created_at
   * keeps milliseconds, so the entries of one transaction often tie on it; lists break the tie on the id, which
   * is therefore a version 7 UUID, monotonic within this process (uuid's v7 counts up inside a millisecond):
   * the entries list in the order they were written, not in the order of random ids.
   */
  async record(manager: EntityManager, input: ActivityInput): Promise<void> {
    const actor = RequestContext.actor();
    await manager.insert(ActivityEntry, {
      id: uuidv7(),
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId ?? null,
      actorApiKeyId: actor.apiKeyId ?? null,
      actorInfluencerId: actor.influencerId ?? null,
      entityType: input.entityType,
      entityId: input.entityId,
      relationshipId: input.relationshipId ?? null,
      action: input.action,
      changes: redactSecrets(input.changes ?? {}) as object,
    });
  }

  /** Newest first, keyset-paged like every list. */
  listForRelationship(relationshipId: string, limit: number, cursor?: string): Promise<ActivityEntry[]> {
    const after = decodeCursor(cursor);
    const query = this.dataSource
      .getRepository(ActivityEntry)
      .createQueryBuilder('a')
      .where('a.workspaceId = :workspaceId AND a.relationshipId = :relationshipId', {
        workspaceId: RequestContext.workspaceId(),
        relationshipId,
      })
      .orderBy('a.createdAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(limit + 1);
    if (after) query.andWhere('(a.createdAt, a.id) < (:createdAt, :id)', after);
    return query.getMany();
  }
}
