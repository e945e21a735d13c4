import { createHash, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Runs before each scrape to refresh gauges read from elsewhere (queue depths); must bound its own time. */
export type ScrapeHook = () => Promise<void>;

/**
 * Every Prometheus metric of the api and the worker, defined once so names and labels stay consistent
 * (docs/operations.md lists them with the alerts worth setting). One registry per application instance
 * instead of prom-client's global one: tests run an api and a worker in one process, and each /metrics
 * must show its own process. Label values are closed sets (route templates, job names, kinds), never
 * ids or raw URLs, so the number of series stays bounded.
 */
@Injectable()
export class AppMetrics {
  readonly registry = new Registry();
  private readonly hooks: ScrapeHook[] = [];

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'API request duration by method, route template and status class (2xx, 4xx, ...)',
    labelNames: ['method', 'route', 'status_class'] as const,
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'acrm_rate_limited_total',
    help: 'Requests refused with 429, by limiter (api budget per token, login per email or IP, signup per IP)',
    labelNames: ['limiter'] as const,
    registers: [this.registry],
  });

  readonly conversionsIngested = new Counter({
    name: 'acrm_conversions_ingested_total',
    help: 'Conversions inserted into the ledger (duplicates and rejected rows not counted), by source',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  readonly shopifyOrdersRejected = new Counter({
    name: 'acrm_shopify_orders_rejected_total',
    help: 'Signed Shopify orders refused for their content (a future or impossible date, bad amounts): answered 200, not retried',
    registers: [this.registry],
  });

  readonly queueJobs = new Gauge({
    name: 'acrm_queue_jobs',
    help: 'Jobs per queue and state (waiting, active, delayed, failed), read from the queue backend at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly queueBackendUp = new Gauge({
    name: 'acrm_queue_backend_up',
    help: '1 when the queue backend answered the last scrape in time, else 0 (acrm_queue_jobs is then absent)',
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'acrm_job_duration_seconds',
    help: 'Job handler run time by job name and outcome (completed, failed, delayed)',
    labelNames: ['job', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
    registers: [this.registry],
  });

  readonly jobFailures = new Counter({
    name: 'acrm_job_failures_total',
    help: 'Failed job attempts by job name; final="true" when no retry is left (the job stays in the failed set)',
    labelNames: ['job', 'final'] as const,
    registers: [this.registry],
  });

  readonly emailsSent = new Counter({
    name: 'acrm_emails_sent_total',
    help: 'Emails accepted by the SMTP server (or written to the outbox)',
    registers: [this.registry],
  });

  readonly emailsFailed = new Counter({
    name: 'acrm_emails_failed_total',
    help: 'Email send attempts that failed, by SMTP reply class (4xx retried, 5xx given up, none: network/TLS/timeout)',
    labelNames: ['reply'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  beforeScrape(hook: ScrapeHook): void {
    this.hooks.push(hook);
  }

  /** The Prometheus text exposition, after the scrape hooks ran. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    await Promise.all(this.hooks.map((hook) => hook()));
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** METRICS_TOKEN check shared by the api and the worker: no token configured = open; else `Bearer <token>`, compared in constant time. */
export function metricsAuthorized(authorization: string | undefined, token: string | undefined): boolean {
  if (!token) return true;
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/** `200` -> `2xx`: the status label stays a handful of values. */
export const statusClass = (status: number): string => `${Math.floor(status / 100)}xx`;
