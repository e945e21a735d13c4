import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'ak_';

/** 32 random bytes: a fast hash is enough for a key this strong, and keeps each request to one lookup. */
export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, 10) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
