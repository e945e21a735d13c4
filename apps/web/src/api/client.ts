import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

/**
 * The API client of both web apps, typed by schema.d.ts (npm run web:schema). Same origin: the session
 * cookie rides along, and every request carries the header the API wants on cookie writes (CSRF).
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin', headers: { 'X-Requested-With': 'web' } });

/** An answer other than 2xx, as the API's problem+json says it (RFC 9457), field errors included. */
export class ProblemError extends Error {
  /** With the extension members a problem may carry (`currentStatus`, a 410's `workspaceId`...). */
  constructor(readonly problem: Problem & Record<string, unknown>) {
    super(problem.detail || problem.title);
  }

  get status(): number {
    return this.problem.status;
  }

  /** `{ field: message }` of the errors the API named, for showing beside each field. */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.field, e.message]));
  }
}

function problemOf(error: unknown, response: Response): Problem & Record<string, unknown> {
  const body = error as (Partial<Problem> & Record<string, unknown>) | undefined;
  return {
    ...(typeof body === 'object' && body),
    type: body?.type ?? 'about:blank',
    title: body?.title ?? response.statusText,
    status: body?.status ?? response.status,
    detail: body?.detail ?? `The server answered ${response.status}`,
    ...(body?.code && { code: body.code }),
    ...(body?.errors && { errors: body.errors }),
  };
}

/** The data of an openapi-fetch call, or a ProblemError: what TanStack Query wants from a query function. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ProblemError(problemOf(error, response));
  return data as T;
}
