import { OpenAPIObject } from '@nestjs/swagger';

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', example: 'email: must be an email' },
    code: { type: 'string', example: 'VALIDATION_FAILED', description: 'Stable machine-readable code' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string', example: 'socialAccounts[0].followers' }, message: { type: 'string' } },
      },
    },
  },
};

const described: Record<string, string> = {
  '400':
    'Invalid input: unknown fields, wrong types or ranges, or a JSON body over the shape limits (an array over 5,000 items, an object over 1,000 keys, over 100,000 values, nesting over 32 levels); nothing is written',
  '401': 'Missing, invalid, expired or revoked token',
  '403': 'Your role is too low for this',
  '404': 'No such resource in your workspace',
  '409': 'Conflicts with the current state',
  '413':
    "The request body is over its route's limit (`code` BODY_TOO_LARGE): JSON_BODY_LIMIT (1 MB) for one record, BODY_LIMIT (10 MB) for the conversions batch, the Shopify webhook and CSV imports, 8 KB on the anonymous /v1/auth routes",
  '429':
    'Over the rate limit (per token, per workspace for all its tokens together, or failed logins per email or address); retry after Retry-After seconds',
  '503':
    'A dependency is unavailable (`code` DATABASE_UNAVAILABLE, or QUEUE_UNAVAILABLE where the route must enqueue); retry after Retry-After seconds',
};

const retryAfter = { 'Retry-After': { description: 'Seconds before a retry can succeed', schema: { type: 'integer' } } };

const headers: Record<string, object> = {
  '429': retryAfter,
  '503': retryAfter,
};

/** Errors are uniform, so they are declared once for every operation instead of on each route. */
export function addProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, Problem: problemSchema } };
  const ref = { $ref: '#/components/schemas/Problem' };
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as {
      responses?: Record<string, unknown>;
      security?: unknown[];
      requestBody?: unknown;
    }[]) {
      if (!operation || typeof operation !== 'object' || !operation.responses) continue;
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
      for (const [status, description] of Object.entries(described)) {
        if (isPublic && (status === '401' || status === '403')) continue;
        if (status === '413' && !operation.requestBody) continue;
        operation.responses[status] ??= {
          description,
          ...(headers[status] && { headers: headers[status] }),
          content: { 'application/problem+json': { schema: ref } },
        };
      }
    }
  }
  return document;
}
