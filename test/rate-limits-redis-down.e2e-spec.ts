import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { createTestApp, signup, TestApp, waitFor } from './support';
import { freePort } from '../apps/launcher/src/ports';

/** A redis-server of this test's own on a spare port (never the shared one), so it can be stopped. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await waitFor(
    () =>
      new Promise<boolean>((resolve) => {
        const probe = connect(port, '127.0.0.1', () => resolve(Boolean(probe.end())));
        probe.on('error', () => resolve(false));
      }),
  );
  return child;
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

async function stopRedis(child: ChildProcess): Promise<void> {
  if (!running(child)) return;
  child.kill('SIGKILL');
  await once(child, 'exit');
}

describe('rate limits while Redis is down (e2e)', () => {
  let port: number;
  let redis: ChildProcess;
  let t: TestApp;
  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    t = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${port}`, RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    // Back up before closing, so the queues' connections close cleanly.
    if (!running(redis)) redis = await startRedis(port);
    await t?.close();
    await stopRedis(redis);
  });

  it('keeps answering at once from a per-process limiter, logs the outage once, and shares again once Redis is back', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const log = jest.spyOn(Logger.prototype, 'log');
    const session = await signup(t.http);
    for (let i = 0; i < 3; i++) await t.http.get('/v1/me').set(session.auth).expect(200);
    await t.http.get('/v1/me').set(session.auth).expect(429);

    await stopRedis(redis);
    const started = Date.now();
    const answers: number[] = [];
    for (let i = 0; i < 4; i++) answers.push((await t.http.get('/v1/me').set(session.auth)).status);
    expect(Date.now() - started).toBeLessThan(2_000);
    // The insurance limiter counts from zero in this process, with the same budget.
    expect(answers).toEqual([200, 200, 200, 429]);
    const outages = () => warn.mock.calls.filter(([message]) => String(message).includes('Redis unreachable'));
    await waitFor(() => outages().length > 0);
    // The metrics scrape does not hang on the dead queue backend either: depths are skipped after a second.
    const scrapeStarted = Date.now();
    const scraped = (await t.http.get('/metrics').expect(200)).text;
    expect(Date.now() - scrapeStarted).toBeLessThan(2_500);
    expect(scraped).toMatch(/^acrm_queue_backend_up 0$/m);
    expect(scraped).not.toMatch(/^acrm_queue_jobs\{/m);

    redis = await startRedis(port);
    await waitFor(() => log.mock.calls.some(([message]) => String(message).includes('Redis is back')), 15_000);
    expect(outages()).toHaveLength(1);
    const fresh = await signup(t.http);
    expect((await t.http.get('/v1/me').set(fresh.auth).expect(200)).headers['ratelimit-remaining']).toBe('2');
    const client = new Redis(port, '127.0.0.1');
    expect(await client.keys(`*:rl:api:user:${fresh.userId}`)).toHaveLength(1);
    client.disconnect();
    warn.mockRestore();
    log.mockRestore();
  }, 60_000);
});
