import type { RequestHandler } from 'express';
import { AppMetrics, statusClass } from '@app/metrics';

/**
 * Times every request into http_request_duration_seconds, labelled by the matched route's template
 * (`/v1/brands/:id`), never the raw URL: ids would make a series per resource. Requests no route
 * matched (404s, static assets of /docs, bodies refused before routing) share `unmatched`.
 */
export function httpMetrics(metrics: AppMetrics): RequestHandler {
  return (request, response, next) => {
    const end = metrics.httpDuration.startTimer();
    response.once('finish', () => {
      // Nest mounts its middleware as all-methods routes (`/v1*path`): a request that matched only those found no route.
      const matched = request.route as { path?: unknown; methods?: Record<string, boolean> } | undefined;
      const route = typeof matched?.path === 'string' && !matched.methods?._all ? `${request.baseUrl}${matched.path}` : 'unmatched';
      end({ method: request.method, route, status_class: statusClass(response.statusCode) });
    });
    next();
  };
}
