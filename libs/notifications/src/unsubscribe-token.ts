import { createHmac, timingSafeEqual } from 'node:crypto';

export interface UnsubscribeClaim {
  workspaceId: string;
  email: string;
}

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(`unsubscribe\n${payload}`).digest('base64url');

/** `<payload>.<hmac>`: who (workspace + address) may be suppressed, signed with JWT_SECRET; it does not expire. */
export function signUnsubscribeToken(secret: string, claim: UnsubscribeClaim): string {
  const payload = Buffer.from(JSON.stringify([claim.workspaceId, claim.email.toLowerCase()])).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The claim of a genuine token; undefined for anything forged, truncated or malformed. */
export function verifyUnsubscribeToken(secret: string, token: string | undefined): UnsubscribeClaim | undefined {
  if (typeof token !== 'string' || token.length > 1_024) return undefined;
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length) return undefined;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const [workspaceId, email] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
    if (typeof workspaceId === 'string' && typeof email === 'string' && /^[0-9a-f-]{36}$/i.test(workspaceId) && email.includes('@')) return { workspaceId, email };
  } catch {
    // a signed payload is always valid JSON; anything else is rejected below
  }
  return undefined;
}
