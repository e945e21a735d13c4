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
      // Honour a caller's X-Request-Id so a request can be followed across services.
      genReqId: (req: IncomingMessage, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
    },
  };
}
