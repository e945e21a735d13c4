import { AuditEntry } from '@app/activity';
import { AuditEntryView } from './audit-log.dto';

export function toAuditEntryView(entry: AuditEntry): AuditEntryView {
  const { id, entityType, entityId, relationshipId, action, changes, createdAt } = entry;
  const type = entry.actorUserId ? 'user' : entry.actorApiKeyId ? 'api_key' : 'system';
  const actor = {
    type,
    id: entry.actorUserId ?? entry.actorApiKeyId,
    name: entry.actorName,
    email: entry.actorEmail,
    keyPrefix: entry.actorKeyPrefix,
  } as const;
  return { id, entityType, entityId, relationshipId, action, changes, actor, createdAt };
}
