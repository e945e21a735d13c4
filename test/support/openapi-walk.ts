import TestAgent from 'supertest/lib/agent';

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
}

export interface Operation {
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  security?: unknown[];
}

export interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Route {
  method: string;
  path: string;
  /** `POST /v1/brands/{id}`: how suites key their per-route tables. */
  key: string;
  operation: Operation;
}

/** The document the running API serves: what clients see, and what a new route appears in. */
export async function openApiDocument(http: TestAgent): Promise<OpenApi> {
  return (await http.get('/docs/openapi.json').expect(200)).body;
}

export function routes(doc: OpenApi): Route[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ method, path, key: `${method.toUpperCase()} ${path}`, operation })),
  );
}

/** The schema with $ref followed and allOf merged. */
export function resolveSchema(schema: Schema | undefined, doc: OpenApi): Schema {
  if (!schema) return {};
  if (schema.$ref) return resolveSchema(doc.components.schemas[schema.$ref.split('/').pop() as string], doc);
  if (!schema.allOf) return schema;
  const parts = schema.allOf.map((part) => resolveSchema(part, doc));
  return {
    ...schema,
    type: 'object',
    properties: Object.assign({}, ...parts.map((p) => p.properties)),
    required: parts.flatMap((p) => p.required ?? []),
  };
}

export const jsonBodySchema = (route: Route, doc: OpenApi): Schema | undefined => {
  const schema = route.operation.requestBody?.content?.['application/json']?.schema;
  return schema && resolveSchema(schema, doc);
};

/** The JSON answer of the route's success status (201, else 200), resolved; undefined for 204 and non-JSON. */
export function successSchema(route: Route, doc: OpenApi): Schema | undefined {
  const response = route.operation.responses?.['201'] ?? route.operation.responses?.['200'];
  const schema = response?.content?.['application/json']?.schema;
  return schema && resolveSchema(schema, doc);
}

export const queryParameters = (route: Route) => (route.operation.parameters ?? []).filter((p) => p.in === 'query');

/** A concrete URL for a templated path; every `{param}` gets the same value. */
export const fillPath = (path: string, value: string) => path.replace(/\{[^}]+\}/g, value);
