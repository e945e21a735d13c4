import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { AppMetrics, metricsAuthorized } from '@app/metrics';
import { JobQueue, withTimeout } from '@app/queue';

type Check = { status: 'up' } | { status: 'down'; message: string };

/**
 * Optional HTTP port of the worker (WORKER_HEALTH_PORT, 0 = off): `GET /health` answers 200 when
 * PostgreSQL (`SELECT 1`) and the queue backend answer, else 503, in the shape of the api's /health;
 * `GET /metrics` is the worker's Prometheus scrape target (job durations and failures, emails, Node
 * process), behind METRICS_TOKEN when set. A bare node:http server: the worker has no HTTP stack and needs none.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WorkerHealth');
  private server?: Server;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly metrics: AppMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.WORKER_HEALTH_PORT) return;
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.WORKER_HEALTH_PORT, () => resolve());
    });
    this.server = server;
    this.logger.log(`health check on http://localhost:${(server.address() as AddressInfo).port}/health`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The bound port, undefined when the endpoint is off. */
  port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async check(): Promise<{ ok: boolean; body: Record<string, unknown> }> {
    const [database, queue] = await Promise.all([this.probe(() => this.dataSource.query('SELECT 1')), this.probe(() => this.jobs.ping())]);
    const checks = { database, queue };
    const ok = database.status === 'up' && queue.status === 'up';
    const up = Object.fromEntries(Object.entries(checks).filter(([, c]) => c.status === 'up'));
    const down = Object.fromEntries(Object.entries(checks).filter(([, c]) => c.status === 'down'));
    return { ok, body: { status: ok ? 'ok' : 'error', info: up, error: down, details: checks } };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/metrics' && req.method === 'GET') return this.serveMetrics(req, res);
    if (path !== '/health' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 404, title: 'Not Found' }));
      return;
    }
    const { ok, body } = await this.check();
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify(body));
  }

  private async serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!metricsAuthorized(req.headers.authorization, this.config.METRICS_TOKEN)) {
      res
        .writeHead(401, { 'content-type': 'application/problem+json' })
        .end(JSON.stringify({ status: 401, title: 'Unauthorized', detail: 'Send the METRICS_TOKEN as "Authorization: Bearer <token>"' }));
      return;
    }
    const { contentType, body } = await this.metrics.scrape();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
  }

  private async probe(fn: () => Promise<unknown>, timeoutMs = 1_500): Promise<Check> {
    try {
      await withTimeout(fn(), timeoutMs, 'check');
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', message: error instanceof Error ? error.message : String(error) };
    }
  }
}
