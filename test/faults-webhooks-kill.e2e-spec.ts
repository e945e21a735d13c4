import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { recordEvents } from '@app/events';
import { AppUnderTest, eventually, startWebhookReceiver, stopAllProcesses, useTestApp, WebhookReceiver } from './support';

// Generous waits: under load a killed worker's work comes back after its job locks and delivery leases (10 s), and a
// delivery whose job died with the dispatcher after its commit is revived by the backstop after a minute.
jest.setTimeout(300_000);

const EVENTS = 4_000;

/**
 * Built worker processes deliver a burst of events to a slow receiver. One is SIGKILLed while it hands the
 * outbox out (dispatch), another while they deliver. Every event must reach the receiver; the only
 * duplicates allowed are attempts in flight at a kill (claimed, unrecorded), resent with the same webhook-id
 * after their lease. Job locks and the delivery lease (WEBHOOK_TIMEOUT_MS + 5 s) are shortened so recovery
 * takes seconds.
 */
describe('fault: workers SIGKILLed during webhook dispatch and delivery (e2e: built workers, Redis, PostgreSQL, HTTP receiver)', () => {
  const ctx = useTestApp();
  let receiver: WebhookReceiver;
  const workers: AppUnderTest[] = [];
  const logs = () => workers.map((w) => w.tail(30)).join('\n');
  afterAll(async () => {
    await stopAllProcesses();
    await receiver?.close();
  });

  it('delivers every event, sending twice only what was in flight at each kill', async () => {
    receiver = await startWebhookReceiver();
    // Slow enough that the kill during delivery finds attempts in flight: a worker sends up to 16 jobs × 50 at once,
    // and at 20 ms each every event was delivered before the kill landed.
    receiver.delay(1_500);
    const db = ctx.t.app.get(DataSource);
    const endpoint = (
      await ctx.t.http
        .post('/v1/webhook-endpoints')
        .set(ctx.owner.auth)
        .send({ url: receiver.url, eventTypes: ['influencer.created'] })
        .expect(201)
    ).body as { id: string };
    const env = {
      ...ctx.t.env,
      JOB_LOCK_MS: '2000',
      // A lease of 10 s (timeout + 5 s): short enough to recover quickly, long enough that a live worker starved
      // by the load does not lose a claim it is still sending under.
      WEBHOOK_TIMEOUT_MS: '5000',
      WEBHOOK_RETRY_DELAYS_MS: '200',
      LOG_LEVEL: 'info',
    };
    // One at a time and with 3 minutes each: at load 20+ on 2 cores a worker's start-up took over the default minute.
    const start = (name: string) => AppUnderTest.start('worker', env, name, 180_000);
    const count = async (where: string, id: string): Promise<number> =>
      Number((await db.query(`SELECT count(*)::int AS n FROM ${where}`, [id]))[0].n);
    const dispatched = () => count(`domain_events WHERE workspace_id = $1 AND dispatched_at IS NOT NULL`, ctx.owner.workspaceId);
    const delivered = () => count(`webhook_deliveries WHERE endpoint_id = $1 AND status = 'delivered'`, endpoint.id);
    // Claimed (counted in attempts) and never recorded: an attempt that may have reached the receiver when its
    // worker died. Told by the count, not the lease, which a starved worker may outlive before the snapshot.
    const inFlight = async (): Promise<string[]> =>
      (
        await db.query(
          `SELECT d.event_id FROM webhook_deliveries d WHERE d.endpoint_id = $1 AND d.status = 'pending'
             AND d.attempts > (SELECT count(*) FROM webhook_delivery_attempts a WHERE a.delivery_id = d.id)`,
          [endpoint.id],
        )
      ).map((r: { event_id: string }) => r.event_id);

    // Phase 1: one worker; killed while the outbox is being handed out (some events dispatched, not all).
    workers.push(await start('worker-a'));
    await db.transaction((manager) =>
      recordEvents(
        manager,
        Array.from({ length: EVENTS }, () => {
          const influencerId = randomUUID();
          return {
            type: 'influencer.created' as const,
            subjectType: 'influencer' as const,
            subjectId: influencerId,
            data: { influencerId },
            workspaceId: ctx.owner.workspaceId,
          };
        }),
      ),
    );
    await eventually(
      'dispatch under way',
      async () => {
        const n = await dispatched();
        return n > 0 && n < EVENTS;
      },
      { timeoutMs: 60_000, intervalMs: 5, logs },
    );
    await workers[0].stop('SIGKILL');
    const dispatchedAtKill = await dispatched();
    const inFlightAtFirstKill = await inFlight();

    // Phase 2: two fresh workers take over; one is killed once they are delivering.
    for (const name of ['worker-b', 'worker-c']) workers.push(await start(name));
    await eventually('a third delivered', async () => (await delivered()) >= EVENTS / 3, { timeoutMs: 120_000, intervalMs: 20, logs });
    await workers[1].stop('SIGKILL');
    const deliveredAtSecondKill = await delivered();
    const inFlightAtSecondKill = await inFlight();
    workers.push(await start('worker-d'));

    await eventually('every event delivered', async () => (await delivered()) === EVENTS, { timeoutMs: 200_000, intervalMs: 250, logs });
    // Room for a late duplicate, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    const eventIds: string[] = (
      await db.query(`SELECT id FROM domain_events WHERE workspace_id = $1 AND type = 'influencer.created'`, [ctx.owner.workspaceId])
    ).map((r: { id: string }) => r.id);
    expect(eventIds).toHaveLength(EVENTS);
    expect(await count(`webhook_deliveries WHERE endpoint_id = $1`, endpoint.id)).toBe(EVENTS);
    const perEvent = new Map(eventIds.map((id) => [id, 0]));
    for (const hook of receiver.received) {
      const id = hook.headers['webhook-id'] as string;
      expect(perEvent.has(id)).toBe(true);
      perEvent.set(id, perEvent.get(id)! + 1);
    }
    const duplicated = [...perEvent].filter(([, n]) => n > 1).map(([id]) => id);
    // Besides the kills, an attempt the receiver got but answered after the timeout (a loaded machine) is a
    // recorded failure, retried with the same webhook-id: at least once, as documented, and not a kill's doing.
    const timedOut: string[] = (
      await db.query(
        `SELECT DISTINCT d.event_id FROM webhook_deliveries d JOIN webhook_delivery_attempts a ON a.delivery_id = d.id
          WHERE d.endpoint_id = $1 AND NOT a.delivered`,
        [endpoint.id],
      )
    ).map((r: { event_id: string }) => r.event_id);
    const allowed = new Set([...inFlightAtFirstKill, ...inFlightAtSecondKill, ...timedOut]);
    expect([...perEvent.values()].filter((n) => n === 0)).toHaveLength(0);
    expect(Math.max(...perEvent.values())).toBeLessThanOrEqual(2);
    expect(duplicated.filter((id) => !allowed.has(id))).toEqual([]);
    expect(receiver.received).toHaveLength(EVENTS + duplicated.length);
    expect(workers.slice(2).every((w) => w.process.running)).toBe(true);
    console.log(
      `faults-webhooks-kill: ${EVENTS} events, receiver 1,500 ms each; worker-a killed with ${dispatchedAtKill} dispatched ` +
        `(${inFlightAtFirstKill.length} attempts in flight), worker-b killed with ${deliveredAtSecondKill} delivered ` +
        `(${inFlightAtSecondKill.length} in flight); ${duplicated.length} sent twice ` +
        `(${duplicated.filter((id) => timedOut.includes(id)).length} of them after a recorded failed attempt), 0 lost`,
    );
  });
});
