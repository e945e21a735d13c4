import type { IncomingMessage, ServerResponse } from 'node:http';
import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication, NestExpressBodyParserOptionsFor } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { createValidationPipe, ProblemFilter } from '@app/common';
import { AppConfig, sizeInBytes } from '@app/config';
import { nestLogger } from '@app/logging';
import { AppMetrics } from '@app/metrics';
import { ApiModule } from '../api.module';
import { serveWebApps } from '../web/web-apps';
import { httpMetrics } from '../metrics/http-metrics.middleware';
import { hardenHttp } from './http-hardening';
import { jsonBodyRefusal } from './json-body';
import { addWebhookEventSchemas } from '../webhooks/webhook-events.openapi';
import { addProblemResponses } from './problem.openapi';
import { mountQueueBoard } from './queue-board';
import { parseQuery } from './query-parser';

/**
 * Builds the API exactly as it runs in production; e2e tests call this too. forceCloseConnections: Nest closes the
 * HTTP server last, after the database, and Node's server.close() waits for every connection that is busy at that
 * moment: a keep-alive client that polls (the console's outbox page every 5 s) or a body that never finishes kept
 * the API from ever stopping (api-shutdown.e2e).
 */
export const apiAppOptions = { bufferLogs: true, bodyParser: false, forceCloseConnections: true } as const;

export async function createApiApp(env: Record<string, string | undefined> = process.env): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(env), apiAppOptions);
  configureApp(app);
  return app;
}

export function configureApp(app: NestExpressApplication): OpenAPIObject {
  const config = app.get(AppConfig);
  app.useLogger(nestLogger(app.get(Logger)));
  app.use(httpMetrics(app.get(AppMetrics)));
  hardenHttp(app, config);
  setApiPrefix(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  // Nest's type omits `verify` because its rawBody option would replace it; that option is off, checkJsonBody keeps the bytes.
  const verify = checkJsonBody(sizeInBytes(config.JSON_BODY_LIMIT));
  app.useBodyParser('json', { limit: config.BODY_LIMIT, verify } as NestExpressBodyParserOptionsFor<'json'>);
  app.useBodyParser('text', { type: 'text/csv', limit: config.BODY_LIMIT });
  app.disable('x-powered-by');
  app.set('query parser', parseQuery);
  app.enableShutdownHooks();
  mountQueueBoard(app);
  serveWebApps(app);
  const document = buildOpenApi(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });
  return document;
}

/**
 * Runs on the raw bytes before JSON.parse (jsonBodyRefusal), and keeps them next to the parsed JSON as
 * `rawBody`: Shopify signs the raw body, and re-serialising the JSON would not match.
 */
function checkJsonBody(jsonBodyLimit: number) {
  return (request: IncomingMessage & { rawBody?: Buffer }, _response: ServerResponse, body: Buffer): void => {
    request.rawBody = body;
    const refusal = jsonBodyRefusal(request.url?.split('?')[0] ?? '', body, jsonBodyLimit);
    if (refusal) throw refusal;
  };
}

/** Every route under /v1 but the probes. */
export function setApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix('v1', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
}

/** The OpenAPI document served at /docs; scripts/web-schema.mjs builds it from a preview app (no database) for the web client. */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('ambassador-crm')
    .setDescription('API-first CRM for long-term ambassador programs. Errors are application/problem+json (RFC 9457).')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Access token from /v1/auth/login or an API key (ak_...)' })
    .addCookieAuth(
      'acrm_portal',
      { type: 'apiKey', in: 'cookie', description: "The ambassador portal's session cookie (POST /v1/portal/session)" },
      'portal',
    )
    .addSecurityRequirements('bearer')
    .build();
  return addWebhookEventSchemas(addProblemResponses(SwaggerModule.createDocument(app, config)));
}
