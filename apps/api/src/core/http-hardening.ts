import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { AppConfig } from '@app/config';
import { answerClientErrors } from './client-errors';

/** Headers a browser client may read on a cross-origin answer besides the CORS-safelisted ones. */
const exposedHeaders = [
  'Retry-After',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'RateLimit-Policy',
  'X-Request-Id',
  'Location',
];

/**
 * Security headers (helmet), CORS and proxy trust, all from configuration.
 * - CSP: helmet's defaults (scripts from this origin only, no inline script, no plugins, no framing by
 *   other sites). Swagger UI (/docs) and Bull Board (/admin/queues) load their scripts as files from
 *   here and use inline styles and data: images, which those defaults allow; Bull Board's Google
 *   fonts too (style-src and font-src allow https:). A route that renders its own HTML may set its
 *   own Content-Security-Policy after this.
 * - TLS: HSTS and upgrade-insecure-requests only when APP_URL is https://, i.e. the public address is
 *   served over TLS (usually terminated by the proxy in front). Over plain http HSTS is ignored by
 *   browsers anyway, and upgrading the requests of /docs on http://localhost would break it. No
 *   includeSubDomains: the API must not decide for sibling hosts of the operator's domain.
 * - CORS: only the CORS_ORIGINS listed (or `*`); unset sends no CORS headers, so browsers on other
 *   origins cannot read answers. Tokens travel in the Authorization header, never cookies, so no credentials.
 * - Requests Node's parser refuses (oversized headers: 431) answer problem+json too (client-errors.ts).
 */
export function hardenHttp(app: NestExpressApplication, config: AppConfig): void {
  const tls = config.APP_URL.startsWith('https://');
  answerClientErrors(app.getHttpServer());
  if (config.TRUST_PROXY) app.set('trust proxy', /^\d+$/.test(config.TRUST_PROXY) ? Number(config.TRUST_PROXY) : config.TRUST_PROXY);
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: tls ? [] : null } },
      strictTransportSecurity: tls ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    }),
  );
  const origins = (config.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  if (origins.length) app.enableCors({ origin: origins.includes('*') ? '*' : origins, exposedHeaders, maxAge: 600 });
}
