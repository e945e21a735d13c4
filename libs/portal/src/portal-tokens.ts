import { createHash, createHmac } from 'node:crypto';

/** A sign-in link works this long, once (web.md). */
export const SIGN_IN_MINUTES = 15;
/** A portal session lasts this long unless the ambassador or a manager ends it. */
export const PORTAL_SESSION_DAYS = 30;
/** The ambassador's session cookie: another name than the console's, so neither opens the other's routes. */
export const PORTAL_COOKIE = 'acrm_portal';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * The token of sign-in row `id` (a random UUID): an HMAC under the server secret, so the row (which keeps only
 * its SHA-256) opens nothing and the worker can put the token in the email without it ever being stored.
 */
export const signInToken = (secret: string, id: string): string =>
  createHmac('sha256', secret).update(`portal-sign-in\n${id}`).digest('base64url');
