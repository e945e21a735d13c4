import { ApiKey } from '@app/workspaces';
import { ApiKeyView } from './api-keys.dto';

export const apiKeyView = (k: ApiKey): ApiKeyView => ({
  id: k.id,
  name: k.name,
  role: k.role,
  prefix: k.prefix,
  lastUsedAt: k.lastUsedAt,
  revokedAt: k.revokedAt,
  createdAt: k.createdAt,
});
