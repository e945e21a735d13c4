import { createHmac, timingSafeEqual } from 'node:crypto';

const mac = (secret: string, purpose: string, payload: string) =>
  createHmac('sha256', secret).update(`${purpose}\n${payload}`).digest('base64url');

/**
 * `<payload>.<hmac>`: a JSON array signed with a server secret (JWT_SECRET) for one purpose, so a token
 * made for one purpose (unsubscribe) never passes for another (a report link). Not encrypted: the payload is readable.
 */
export function signToken(secret: string, purpose: string, values: unknown[]): string {
  const payload = Buffer.from(JSON.stringify(values)).toString('base64url');
  return `${payload}.${mac(secret, purpose, payload)}`;
}

/** The values of a genuine token of that purpose; undefined for anything forged, truncated or malformed. */
export function verifyToken(secret: string, purpose: string, token: string | undefined): unknown[] | undefined {
  if (typeof token !== 'string' || token.length > 1_024) return undefined;
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length) return undefined;
  const expected = Buffer.from(mac(secret, purpose, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return Array.isArray(values) ? values : undefined;
  } catch {
    return undefined;
  }
}

export type ExpiringTokenCheck<T> = { state: 'invalid' } | { state: 'expired'; expiredAt: Date } | { state: 'valid'; value: T };

/** A signed token of `values` that stops working at `expiresAt` (second precision, the last value). */
export function signExpiringToken(secret: string, purpose: string, values: unknown[], expiresAt: Date): string {
  return signToken(secret, purpose, [...values, Math.floor(expiresAt.getTime() / 1000)]);
}

/**
 * A genuine token whose values `read` accepts is valid until its expiry, then `expired` (a page can say so);
 * anything forged, truncated or malformed is `invalid`.
 */
export function verifyExpiringToken<T>(
  secret: string,
  purpose: string,
  token: string | undefined,
  now: Date,
  read: (values: unknown[]) => T | undefined,
): ExpiringTokenCheck<T> {
  const values = verifyToken(secret, purpose, token);
  const expires = values?.at(-1);
  const value = values && typeof expires === 'number' ? read(values.slice(0, -1)) : undefined;
  if (value === undefined) return { state: 'invalid' };
  const expiredAt = new Date((expires as number) * 1000);
  return expiredAt.getTime() <= now.getTime() ? { state: 'expired', expiredAt } : { state: 'valid', value };
}
