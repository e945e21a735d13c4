import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Params } from 'nestjs-pino';
import { AppConfig } from '@app/config';

/** Paths whose values must never reach a log line. */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-shopify-hmac-sha256"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.key',
  '*.secret',
];

/** Query parameters that carry a credential (the signed links of emails): their values never reach a log line. */
const SECRET_QUERY_PARAM = /^(token|key|secret|password|signature|access_token|api_key)$/i;

const paramName = (raw: string) => {
  try {
    return decodeURIComponent(raw).replace(/\[.*$/, '');
  } catch {
    return raw;
  }
};

/** The URL with the values of credential query parameters replaced (`/v1/unsubscribe?token=[redacted]`). */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const pairs = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq >= 0 && SECRET_QUERY_PARAM.test(paramName(pair.slice(0, eq))) ? `${pair.slice(0, eq)}=[redacted]` : pair;
    });
  return `${url.slice(0, at)}?${pairs.join('&')}`;
}

function redactQuery(query: unknown): unknown {
  if (!query || typeof query !== 'object') return query;
  return Object.fromEntries(Object.entries(query).map(([name, value]) => [name, SECRET_QUERY_PARAM.test(name) ? '[redacted]' : value]));
}

/**
 * nestjs-pino settings shared by the api and the worker: JSON lines at LOG_LEVEL, secrets redacted.
 * `app` names the process in every line (`"name":"worker"`) so merged logs stay attributable; the HTTP
 * parts (request id, auto-logging) only take effect in the api, where the pino-http middleware runs.
 */
export function loggerParams(config: AppConfig, app?: string): Params {
  return {
    pinoHttp: {
      ...(app && { name: app }),
      level: config.LOG_LEVEL,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      // Paths cannot reach into the URL string: a signed link's token is cut out of it (and of the parsed query).
      serializers: {
        req: (req: { url?: string; query?: unknown }) => ({ ...req, url: req.url && redactUrl(req.url), query: redactQuery(req.query) }),
      },
      // Honour a caller's X-Request-Id so a request can be followed across services.
      genReqId: (req: IncomingMessage, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      // A 503 is a dependency outage the problem filter already reported once (warn, with its cause): the
      // access line stays a warning without the stack of pino-http's stand-in error; other 5xx are errors.
      customLogLevel: (_req, res, error) => (res.statusCode === 503 ? 'warn' : error || res.statusCode >= 500 ? 'error' : 'info'),
      customErrorObject: (_req, res, _error, line: Record<string, unknown>) =>
        res.statusCode === 503 ? { ...line, err: undefined } : line,
      customErrorMessage: (_req, res) => (res.statusCode === 503 ? 'request refused: a dependency is unavailable' : 'request errored'),
    },
  };
}
