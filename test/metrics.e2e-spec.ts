import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NotificationsService } from '@app/notifications';
import { JobName, JobQueue } from '@app/queue';
import {
  conversionBody,
  createTestWorker,
  notificationFixture,
  relationshipFixture,
  SmtpSink,
  smtpScripts,
  startSmtpSink,
  useTestApp,
  waitFor,
} from './support';
import { freePort } from '../apps/launcher/src/ports';
import { JobSchedules } from '../apps/worker/src/job-schedules';

const TOKEN = 'metrics-token-0123456789';
const bearer = { Authorization: `Bearer ${TOKEN}` };

/** The value of one series of a Prometheus text exposition, e.g. `name{a="b",c="d"}`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('Prometheus metrics (e2e)', () => {
  const ctx = useTestApp({ METRICS_TOKEN: TOKEN });
  const scrape = async () => (await ctx.t.http.get('/metrics').set(bearer).expect(200)).text;

  it('times requests by method, route template and status class, never by raw URL', async () => {
    const brand = (
      await ctx.t.http.post('/v1/brands').set(ctx.owner.auth).send({ name: 'Acme', currency: 'EUR', timezone: 'UTC' }).expect(201)
    ).body;
    await ctx.t.http.get(`/v1/brands/${brand.id}`).set(ctx.owner.auth).expect(200);
    await ctx.t.http.get(`/v1/brands/${brand.id}`).set(ctx.owner.auth).expect(200);
    const missing = randomUUID();
    await ctx.t.http.get(`/v1/brands/${missing}`).set(ctx.owner.auth).expect(404);
    await ctx.t.http.get(`/v1/no-such-route/${missing}`).expect(404);

    const text = await scrape();
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/v1/brands/:id",status_class="2xx"}')).toBe(2);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="/v1/brands/:id",status_class="4xx"}')).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count{method="POST",route="/v1/brands",status_class="2xx"}')).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/v1/auth/signup",status_class="2xx"}')).toBe(
      1,
    );
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="unmatched",status_class="4xx"}')).toBe(1);
    expect(text).not.toContain(brand.id);
    expect(text).not.toContain(missing);
  });

  it('counts conversions inserted into the ledger by source, not repeats or rejected rows', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const one = conversionBody({ relationshipId: relationship.id });
    await ctx.t.http.post('/v1/conversions').set(ctx.owner.auth).send(one).expect(201);
    await ctx.t.http.post('/v1/conversions').set(ctx.owner.auth).send(one).expect(200);
    const batch = [
      conversionBody({ relationshipId: relationship.id }),
      conversionBody({ relationshipId: relationship.id, source: 'csv' }),
      one,
      conversionBody({ amount: 'ten' }),
    ];
    const result = await ctx.t.http.post('/v1/conversions/batch').set(ctx.owner.auth).send({ conversions: batch }).expect(200);
    expect(result.body).toMatchObject({ accepted: 2, duplicates: 1 });

    const text = await scrape();
    expect(sample(text, 'acrm_conversions_ingested_total{source="api"}')).toBe(2);
    expect(sample(text, 'acrm_conversions_ingested_total{source="csv"}')).toBe(1);
    expect(sample(text, 'acrm_conversions_ingested_total{source="shopify"}')).toBeUndefined();
  });

  it('reads queue depths at scrape time and exposes Node process metrics', async () => {
    await ctx.t.app
      .get(JobQueue)
      .add({ name: JobName.ReportsQuarterly, data: { brandId: randomUUID(), quarter: '2026-Q1' } }, { delay: 3_600_000 });
    const text = await scrape();
    expect(sample(text, 'acrm_queue_backend_up')).toBe(1);
    expect(sample(text, 'acrm_queue_jobs{queue="reports",state="delayed"}')).toBe(1);
    for (const state of ['waiting', 'active', 'failed'])
      expect(sample(text, `acrm_queue_jobs{queue="notifications",state="${state}"}`)).toBe(0);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('asks for METRICS_TOKEN when it is set', async () => {
    const without = await ctx.t.http.get('/metrics').expect(401);
    expect(without.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(without.body).toMatchObject({ status: 401, code: 'METRICS_TOKEN_REQUIRED' });
    await ctx.t.http.get('/metrics').set({ Authorization: 'Bearer wrong-token-0123456789' }).expect(401);
    await ctx.t.http.get('/metrics').set(ctx.owner.auth).expect(401);
    const ok = await ctx.t.http.get('/metrics').set(bearer).expect(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('is in the OpenAPI document as a public operations route', async () => {
    const doc = (await ctx.t.http.get('/docs/openapi.json').expect(200)).body;
    expect(doc.paths['/metrics'].get).toMatchObject({ security: [], tags: ['operations'] });
  });

  describe('the worker', () => {
    let sink: SmtpSink;
    let worker: INestApplicationContext;
    let base: string;
    beforeAll(async () => {
      sink = await startSmtpSink();
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      worker = await createTestWorker({ ...ctx.t.env, SMTP_URL: sink.url, WORKER_HEALTH_PORT: String(port) }, (b) =>
        b.overrideProvider(JobSchedules).useValue({}),
      );
    });
    afterAll(async () => {
      await worker?.close();
      await sink?.close();
    });
    const workerScrape = async () => {
      const response = await fetch(`${base}/metrics`, { headers: bearer });
      expect(response.status).toBe(200);
      return response.text();
    };

    it('times each job by name and outcome, and counts emails sent and refused', async () => {
      const sent = await notificationFixture(ctx.t.http, ctx.owner, ctx.t.databaseUrl);
      await worker.get(NotificationsService).enqueueSend([sent]);
      await waitFor(async () => sample(await workerScrape(), 'acrm_emails_sent_total') === 1, 15_000);

      sink.script(smtpScripts.always(550));
      const refused = await notificationFixture(ctx.t.http, ctx.owner, ctx.t.databaseUrl);
      await worker.get(NotificationsService).enqueueSend([refused]);
      await waitFor(async () => sample(await workerScrape(), 'acrm_emails_failed_total{reply="5xx"}') === 1, 15_000);

      const text = String(
        await waitFor(async () => {
          const current = await workerScrape();
          return sample(current, 'acrm_job_duration_seconds_count{job="notifications.send",outcome="completed"}') === 2
            ? current
            : undefined;
        }),
      );
      expect(sample(text, 'acrm_job_duration_seconds_bucket{le="+Inf",job="notifications.send",outcome="completed"}')).toBe(2);
      expect(text).toContain('# TYPE acrm_job_failures_total counter');
      expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
      // The api's series belong to the api process: this registry is the worker's own.
      expect(text).not.toMatch(/^http_request_duration_seconds_count/m);
    });

    it('asks for METRICS_TOKEN when it is set; /health stays open', async () => {
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      expect((await fetch(`${base}/metrics`, { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
      expect((await fetch(`${base}/health`)).status).toBe(200);
    });
  });
});
