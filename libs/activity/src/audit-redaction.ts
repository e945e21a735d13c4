/** Names of values that are credentials: the log says that they changed, never what they are. */
const SECRET_NAME = /(secret|password|passwordhash|token|apikey|^key|keyhash|hmac|credentials?)$/i;

export const REDACTED = '[redacted]';

/**
 * A copy of `changes` with every value under a secret-looking name replaced, at any depth (`{field: {from, to}}`
 * included). null and undefined stay as they are: "was not set" is not a secret and tells a set from a rotation.
 */
export function redactSecrets<T>(changes: T): T {
  return walk(changes, false) as T;
}

function walk(value: unknown, secret: boolean): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((item) => walk(item, secret));
  if (typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, walk(inner, secret || SECRET_NAME.test(key))]),
    );
  }
  return secret ? REDACTED : value;
}
