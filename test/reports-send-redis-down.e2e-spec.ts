import { Logger } from '@nestjs/common';
import { JobQueue, QueueName } from '@app/queue';
import { brandWithRelationships, createTestApp, RedisServer, Session, signup, stopAllProcesses, TestApp, waitFor } from './support';

jest.setTimeout(60_000);

/**
 * POST /v1/reports/quarterly/send has no record but its job, so with the queue backend down it cannot
 * accept the request: it answers 503 at once (before: it waited in ioredis' offline queue for the whole
 * outage). A private Redis on a spare port is stopped; the shared one is never touched.
 */
describe('fault: quarterly report send while Redis is down (e2e: private Redis, PostgreSQL)', () => {
  let redis: RedisServer;
  let t: TestApp;
  let owner: Session;
  let brandId: string;
  const send = () => t.http.post('/v1/reports/quarterly/send').set(owner.auth).send({ brandId, quarter: '2025-Q1' });
  const reachable = () => t.app.get(JobQueue).isReachable(QueueName.Reports);

  beforeAll(async () => {
    redis = await RedisServer.start();
    t = await createTestApp({ REDIS_URL: redis.url });
    owner = await signup(t.http);
    ({ brandId } = await brandWithRelationships(t.http, owner, {}, []));
  });
  afterAll(async () => {
    // Back up before closing, so the queues' connections close cleanly.
    if (!reachable()) await redis.start();
    await t?.close();
    await stopAllProcesses();
  });

  it('answers 503 problem+json with Retry-After and QUEUE_UNAVAILABLE at once, logs a warning per request, and 202 again once Redis is back', async () => {
    await send().expect(202);
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const error = jest.spyOn(Logger.prototype, 'error');
    try {
      await redis.stop();
      await waitFor(() => !reachable());
      const started = performance.now();
      const refused = [await send(), await send()];
      const elapsed = performance.now() - started;

      for (const response of refused) {
        expect(response.status).toBe(503);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.headers['retry-after']).toBe('5');
        expect(response.body).toMatchObject({
          status: 503,
          title: 'Service Unavailable',
          code: 'QUEUE_UNAVAILABLE',
          detail: expect.stringMatching(/retry/),
        });
      }
      // "Did not wait for Redis", not a performance bound.
      expect(elapsed).toBeLessThan(2_000);
      const lines = warn.mock.calls.map(([message]) => String(message)).filter((message) => message.includes('QUEUE_UNAVAILABLE'));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^503 QUEUE_UNAVAILABLE: queue backend of "reports" is not connected$/);
      expect(error.mock.calls.filter(([message]) => /QUEUE_UNAVAILABLE|not connected/.test(String(message)))).toEqual([]);
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }

    // Redis comes back empty (no persistence): the refused requests left no job behind.
    await redis.start();
    await waitFor(reachable, 15_000);
    const { body } = await send().expect(202);
    const queue = t.app.get(JobQueue).queue(QueueName.Reports);
    expect(
      (await queue.getJobs(['waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed'])).map((job) => job.data.requestId),
    ).toEqual([body.requestId]);
  });
});
