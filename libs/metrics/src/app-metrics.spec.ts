import { AppMetrics, metricsAuthorized, statusClass } from './app-metrics';

describe(AppMetrics.name, () => {
  it('runs the scrape hooks before rendering, so gauges read elsewhere are fresh', async () => {
    // Prepare
    const metrics = new AppMetrics();
    metrics.beforeScrape(async () => metrics.queueJobs.set({ queue: 'notifications', state: 'waiting' }, 7));

    // Act
    const { contentType, body } = await metrics.scrape();

    // Assert
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(body).toContain('acrm_queue_jobs{queue="notifications",state="waiting"} 7');
    expect(body).toContain('process_cpu_user_seconds_total');
  });

  it('keeps two instances apart (an api and a worker in one test process)', async () => {
    const [api, worker] = [new AppMetrics(), new AppMetrics()];
    api.conversionsIngested.inc({ source: 'api' }, 3);
    expect((await api.scrape()).body).toContain('acrm_conversions_ingested_total{source="api"} 3');
    expect((await worker.scrape()).body).not.toContain('acrm_conversions_ingested_total{');
  });
});

describe(metricsAuthorized.name, () => {
  it('is open without a token and wants the exact bearer token otherwise', () => {
    expect(metricsAuthorized(undefined, undefined)).toBe(true);
    expect(metricsAuthorized(undefined, 'secret-token-123456')).toBe(false);
    expect(metricsAuthorized('Bearer secret-token-12345', 'secret-token-123456')).toBe(false);
    expect(metricsAuthorized('Basic secret-token-123456', 'secret-token-123456')).toBe(false);
    expect(metricsAuthorized('bearer secret-token-123456', 'secret-token-123456')).toBe(true);
  });
});

describe('statusClass', () => {
  it('keeps the first digit', () => {
    expect([200, 201, 304, 429, 503].map(statusClass)).toEqual(['2xx', '2xx', '3xx', '4xx', '5xx']);
  });
});
