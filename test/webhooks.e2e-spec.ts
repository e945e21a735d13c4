import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { EVENT_DATA_FIELDS, EVENT_TYPES, EventsDispatcher, HostResolver, WebhookDelivery } from '@app/events';
import { QueueName } from '@app/queue';
import { JobSchedules } from '../apps/worker/src/job-schedules';
import {
  addMember,
  conversionBody,
  createTestApp,
  createTestWorker,
  FakeResolver,
  influencerBody,
  relationshipFixture,
  Session,
  signup,
  SmtpSink,
  startSmtpSink,
  startWebhookReceiver,
  TestApp,
  verifies,
  waitFor,
  WebhookReceiver,
} from './support';

/**
 * Outbound webhooks end to end: actions through the API, the worker's dispatcher and deliveries, and a real
 * HTTP receiver in this process that checks signatures with the standardwebhooks package.
 */
describe('webhooks', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let owner: Session;
  let receiver: WebhookReceiver;
  let sink: SmtpSink;
  const resolver = new FakeResolver();

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ WEBHOOK_RETRY_DELAYS_MS: '150', WEBHOOK_SENDS_PER_JOB: '3', SMTP_URL: sink.url }, (b) =>
      b.overrideProvider(HostResolver).useValue(resolver),
    );
    worker = await createTestWorker(t.env, (b) =>
      b.overrideProvider(JobSchedules).useValue({}).overrideProvider(HostResolver).useValue(resolver),
    );
    owner = await signup(t.http);
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await receiver?.close();
    await sink?.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.answers.length = 0;
  });

  const db = () => t.app.get(DataSource);
  const createEndpoint = async (s: Session, body: Record<string, unknown> = {}) =>
    (
      await t.http
        .post('/v1/webhook-endpoints')
        .set(s.auth)
        .send({ url: receiver.url, ...body })
        .expect(201)
    ).body as { id: string; secret: string };
  const ofType = (type: string) => receiver.received.filter((r) => r.json.type === type);
  const disabledNotices = (endpointId: string) =>
    sink.messages.filter((m) => m.subject.startsWith('Webhook endpoint disabled') && m.text.includes(endpointId));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

  it('shows the whsec_ secret once, at creation; lists and reads endpoints without it', async () => {
    const created = await createEndpoint(owner, { description: 'warehouse', eventTypes: ['influencer.created'] });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await t.http.get(`/v1/webhook-endpoints/${created.id}`).set(owner.auth).expect(200);
    expect(read.body).toMatchObject({ url: receiver.url, description: 'warehouse', eventTypes: ['influencer.created'], enabled: true });
    expect(JSON.stringify(read.body)).not.toContain('whsec_');
    const list = await t.http.get('/v1/webhook-endpoints').set(owner.auth).expect(200);
    expect(list.body.data.map((e: { id: string }) => e.id)).toContain(created.id);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');
    await t.http.delete(`/v1/webhook-endpoints/${created.id}`).set(owner.auth).expect(204);
  });

  it('writes the audit log on create, update, rotate and delete, never with a secret', async () => {
    const endpoint = await createEndpoint(owner, { description: 'CRM sync' });
    await t.http
      .patch(`/v1/webhook-endpoints/${endpoint.id}`)
      .set(owner.auth)
      .send({ eventTypes: ['influencer.created'], enabled: false })
      .expect(200);
    const rotated = await t.http.post(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`).set(owner.auth).expect(200);
    await t.http.delete(`/v1/webhook-endpoints/${endpoint.id}`).set(owner.auth).expect(204);
    const log = await t.http.get(`/v1/audit-log?entityType=webhook_endpoint&entityId=${endpoint.id}`).set(owner.auth).expect(200);
    const entries = [...log.body.data].reverse();
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['created', 'updated', 'secret_rotated', 'deleted']);
    expect(entries[0]).toMatchObject({
      actor: { type: 'user', id: owner.userId },
      changes: { url: receiver.url, description: 'CRM sync', eventTypes: null, enabled: true },
    });
    expect(entries[1].changes).toEqual({ eventTypes: { from: null, to: ['influencer.created'] }, enabled: { from: true, to: false } });
    const text = JSON.stringify(log.body);
    expect(text).not.toContain(endpoint.secret);
    expect(text).not.toContain(rotated.body.secret);
    expect(text).not.toMatch(/whsec_/);
  });

  it('describes every webhook body in the OpenAPI document: a schema per event type and their union', async () => {
    const { schemas } = (await t.http.get('/docs/openapi.json').expect(200)).body.components;
    expect(schemas.WebhookEvent.oneOf).toHaveLength(EVENT_TYPES.length);
    expect(schemas.ConversionCreatedEvent.properties.type.enum).toEqual(['conversion.created']);
    for (const type of EVENT_TYPES) {
      const ref = schemas.WebhookEvent.discriminator.mapping[type] as string;
      const schema = schemas[ref.split('/').pop()!];
      expect(schema.required).toEqual(['type', 'timestamp', 'data']);
      expect(Object.keys(schema.properties.data.properties)).toEqual(Object.keys(EVENT_DATA_FIELDS[type]));
    }
    expect(schemas.PayoutPaidEvent.properties.data.properties.amount).toMatchObject({ type: 'string', example: '90.00' });
  });

  it('refuses event types outside the catalogue, naming the field', async () => {
    const response = await t.http
      .post('/v1/webhook-endpoints')
      .set(owner.auth)
      .send({ url: receiver.url, eventTypes: ['contract.exploded'] })
      .expect(400);
    expect(response.body.errors[0].field).toBe('eventTypes');
  });

  it("delivers an action's event signed per Standard Webhooks; a tampered body or timestamp fails verification", async () => {
    const endpoint = await createEndpoint(owner, { eventTypes: ['influencer.created'] });
    const influencer = await t.http.post('/v1/influencers').set(owner.auth).send(influencerBody()).expect(201);
    await waitFor(() => ofType('influencer.created').length === 1);
    const [hook] = ofType('influencer.created');
    expect(hook.json).toEqual({ type: 'influencer.created', timestamp: expect.any(String), data: { influencerId: influencer.body.id } });
    expect(hook.headers['content-type']).toBe('application/json');
    expect(hook.headers['webhook-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(verifies(endpoint.secret, hook)).toBe(true);
    expect(
      verifies(endpoint.secret, { ...hook, body: hook.body.replace(influencer.body.id, '00000000-0000-4000-8000-000000000000') }),
    ).toBe(false);
    const old = String(Number(hook.headers['webhook-timestamp']) - 600);
    expect(verifies(endpoint.secret, { ...hook, headers: { ...hook.headers, 'webhook-timestamp': old } })).toBe(false);
    expect(verifies('whsec_' + Buffer.alloc(32, 1).toString('base64'), hook)).toBe(false);
    await t.http.delete(`/v1/webhook-endpoints/${endpoint.id}`).set(owner.auth).expect(204);
  });

  it('gives each delivery a job of deterministic id and marks the event dispatched', async () => {
    const endpoint = await createEndpoint(owner, { eventTypes: ['relationship.created'] });
    const relationship = await relationshipFixture(t.http, owner);
    await waitFor(() => ofType('relationship.created').length === 1);
    const eventId = ofType('relationship.created')[0].headers['webhook-id'];
    const [event] = await db().query(`SELECT subject_id, dispatched_at, data FROM domain_events WHERE id = $1`, [eventId]);
    expect(event).toMatchObject({ subject_id: relationship.id, dispatched_at: expect.any(Date) });
    expect(event.data).toEqual({ relationshipId: relationship.id, brandId: relationship.brandId, influencerId: relationship.influencerId });
    const queue = worker.get<Queue>(getQueueToken(QueueName.Webhooks), { strict: false });
    expect(await queue.getJob(`wh-${endpoint.id}-${eventId}`)).toBeDefined();
    await t.http.delete(`/v1/webhook-endpoints/${endpoint.id}`).set(owner.auth).expect(204);
  });

  it('delivers an event once per endpoint however often its job runs (at least once → exactly once)', async () => {
    const endpoint = await createEndpoint(owner, { eventTypes: ['influencer.updated'] });
    const influencer = await t.http.post('/v1/influencers').set(owner.auth).send(influencerBody()).expect(201);
    await t.http.patch(`/v1/influencers/${influencer.body.id}`).set(owner.auth).send({ country: 'DE' }).expect(200);
    const [event] = await db().query(`SELECT id FROM domain_events WHERE type = 'influencer.updated' AND subject_id = $1`, [
      influencer.body.id,
    ]);
    // Three runs of the same delivery racing the worker's own job: one POST.
    const delivery = worker.get(WebhookDelivery);
    await Promise.all([1, 2, 3].map(() => delivery.deliver(endpoint.id, event.id).catch(() => 'held')));
    await waitFor(
      async () => (await db().query(`SELECT status FROM webhook_deliveries WHERE event_id = $1`, [event.id]))[0]?.status === 'delivered',
    );
    // And a redelivery long after (a job BullMQ hands out again) is skipped by the delivery row.
    expect(await delivery.deliver(endpoint.id, event.id)).toBe('skipped');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.filter((r) => r.headers['webhook-id'] === event.id)).toHaveLength(1);
    expect(ofType('influencer.updated')[0].json.data).toEqual({ influencerId: influencer.body.id, fields: ['country'] });
    await t.http.delete(`/v1/webhook-endpoints/${endpoint.id}`).set(owner.auth).expect(204);
  });

  it('delivers a delivery whose job was lost (a crash between the dispatch commit and the enqueue): the backstop revives it', async () => {
    const endpoint = await createEndpoint(owner, { eventTypes: ['influencer.created'] });
    const queue = worker.get<Queue>(getQueueToken(QueueName.Webhooks), { strict: false });
    // Dispatched without its job, as if the worker died right after the commit.
    const influencer = await db().transaction(async (manager) => {
      const [row] = await manager.query(
        `INSERT INTO influencers (workspace_id, name, email, tags) VALUES ($1, 'Lost Job', $2, '{}') RETURNING id`,
        [owner.workspaceId, `lost-${Date.now()}@example.com`],
      );
      const [event] = await manager.query(
        `INSERT INTO domain_events (workspace_id, type, subject_type, subject_id, data, dispatched_at)
         VALUES ($1, 'influencer.created', 'influencer', $2::uuid, jsonb_build_object('influencerId', $2::text), now()) RETURNING id, seq`,
        [owner.workspaceId, row.id],
      );
      await manager.query(
        `INSERT INTO webhook_deliveries (workspace_id, endpoint_id, event_id, event_seq, subject_id, created_at)
         VALUES ($1, $2, $3, $4, $5, now() - interval '2 minutes')`,
        [owner.workspaceId, endpoint.id, event.id, event.seq, row.id],
      );
      return { id: row.id as string, eventId: event.id as string };
    });
    expect(await queue.getJob(`wh-${endpoint.id}-${influencer.eventId}`)).toBeUndefined();
    expect(await worker.get(EventsDispatcher).dispatch()).toMatchObject({ events: 0, revived: 1 });
    await waitFor(() => ofType('influencer.created').length === 1);
    expect(receiver.received[0].headers['webhook-id']).toBe(influencer.eventId);
    await t.http.delete(`/v1/webhook-endpoints/${endpoint.id}`).set(owner.auth).expect(204);
  });

  it('delivers the events of one subject in the order they happened', async () => {
    const endpoint = await createEndpoint(owner, { eventTypes: ['influencer.created', 'influencer.updated'] });
    const influencer = await t.http.post('/v1/influencers').set(owner.auth).send(influencerBody()).expect(201);
    const countries = ['DE', 'IT', 'ES', 'PT', 'NL', 'BE'];
    for (const country of countries)
      await t.http.patch(`/v1/influencers/${influencer.body.id}`).set(owner.auth).send({ country }).expect(200);
    await waitFor(() => receiver.received.length === 1 + countries.length);
    const ids: string[] = (await db().query(`SELECT id FROM domain_events WHERE subject_id = $1 ORDER BY seq`, [influencer.body.id])).map(
      (r: { id: string }) => r.id,
    );
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual(ids);
    await t.http.delete(`/v1/webhook-endpoints/${endpoint.id}`).set(owner.auth).expect(204);
  });

  it('retries after a 500 with the same webhook-id, records each attempt, and lists the delivery', async () => {
    const endpoint = await createEndpoint(owner, { eventTypes: ['influencer.created'] });
    receiver.answers.push(500, 503);
    await t.http.post('/v1/influencers').set(owner.auth).send(influencerBody()).expect(201);
    await waitFor(() => receiver.received.length === 3);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const deliveries = await waitFor(async () => {
      const list = await t.http.get(`/v1/webhook-endpoints/${endpoint.id}/deliveries`).set(owner.auth).expect(200);
      return list.body.data[0]?.status === 'delivered' && list.body.data;
    });
    expect(deliveries[0]).toMatchObject({ eventType: 'influencer.created', attempts: 3, lastResponseStatus: 204, lastError: null });
    const attempts = await db().query(
      `SELECT response_status, response_excerpt, delivered FROM webhook_delivery_attempts WHERE delivery_id = $1 ORDER BY attempted_at`,
      [deliveries[0].id],
    );
    expect(attempts).toEqual([
      { response_status: 500, response_excerpt: 'receiver says no', delivered: false },
      { response_status: 503, response_excerpt: 'receiver says no', delivered: false },
      { response_status: 204, response_excerpt: null, delivered: true },
    ]);
    // Retried by hand: sent again with the same id, a fresh attempt.
    await t.http.post(`/v1/webhook-deliveries/${deliveries[0].id}/retry`).set(owner.auth).expect(202);
    await waitFor(() => receiver.received.length === 4);
    expect(receiver.received[3].headers['webhook-id']).toBe(receiver.received[0].headers['webhook-id']);
    await t.http.delete(`/v1/webhook-endpoints/${endpoint.id}`).set(owner.auth).expect(204);
  });

  it('keeps a first attempt that succeeded on the delivery row and still lists it as attempt 1, before a retry', async () => {
    const endpoint = await createEndpoint(owner, { eventTypes: ['influencer.created'] });
    receiver.answers.push(202);
    await t.http.post('/v1/influencers').set(owner.auth).send(influencerBody()).expect(201);
    const [delivery] = await waitFor(async () => {
      const list = await t.http.get(`/v1/webhook-endpoints/${endpoint.id}/deliveries`).set(owner.auth).expect(200);
      return list.body.data[0]?.status === 'delivered' && list.body.data;
    });
    expect(await db().query(`SELECT id FROM webhook_delivery_attempts WHERE delivery_id = $1`, [delivery.id])).toEqual([]);
    const first = {
      attemptedAt: delivery.lastAttemptAt,
      durationMs: expect.any(Number),
      responseStatus: 202,
      error: null,
      delivered: true,
    };
    const read = await t.http.get(`/v1/webhook-deliveries/${delivery.id}`).set(owner.auth).expect(200);
    expect(read.body).toMatchObject({ attempts: 1, lastResponseStatus: 202 });
    expect(read.body.attemptList).toEqual([{ ...first, responseExcerpt: null }]);
    // A later attempt has a row of its own; attempt 1 stays first.
    receiver.answers.push(500);
    await t.http.post(`/v1/webhook-deliveries/${delivery.id}/retry`).set(owner.auth).expect(202);
    await waitFor(() => receiver.received.length === 3);
    const retried = await waitFor(async () => {
      const body = (await t.http.get(`/v1/webhook-deliveries/${delivery.id}`).set(owner.auth).expect(200)).body;
      return body.status === 'delivered' && body.attempts === 3 && body;
    });
    expect(retried.attemptList).toEqual([
      { ...first, responseExcerpt: null },
      expect.objectContaining({ responseStatus: 500, responseExcerpt: 'receiver says no', delivered: false }),
      expect.objectContaining({ responseStatus: 204, error: null, delivered: true }),
    ]);
    await t.http.delete(`/v1/webhook-endpoints/${endpoint.id}`).set(owner.auth).expect(204);
  });

  it("sends one endpoint's events recorded together from one batch job; a failed one retries in its own job, same webhook-id, on the schedule", async () => {
    const endpoint = await createEndpoint(owner, { eventTypes: ['conversion.created'] });
    const relationship = await relationshipFixture(t.http, owner);
    receiver.answers.push(500);
    const conversions = [1, 2, 3, 4].map(() => conversionBody({ relationshipId: relationship.id }));
    await t.http.post('/v1/conversions/batch').set(owner.auth).send({ conversions }).expect(200);
    // Four delivered, one of them after a first answer of 500.
    await waitFor(
      () => new Set(ofType('conversion.created').map((r) => r.headers['webhook-id'])).size === 4 && receiver.received.length === 5,
    );
    const events: { id: string }[] = await db().query(
      `SELECT e.id FROM domain_events e JOIN webhook_deliveries d ON d.event_id = e.id WHERE d.endpoint_id = $1 ORDER BY e.seq`,
      [endpoint.id],
    );
    const queue = worker.get<Queue>(getQueueToken(QueueName.Webhooks), { strict: false });
    const batch = await queue.getJob(`whb-${endpoint.id}-${events[0].id}`);
    expect(batch?.data).toEqual({ endpointId: endpoint.id, eventIds: events.map((e) => e.id) });
    const retried = receiver.received[0].headers['webhook-id'];
    expect(receiver.received.filter((r) => r.headers['webhook-id'] === retried)).toHaveLength(2);
    expect(receiver.received.every((r) => verifies(endpoint.secret, r))).toBe(true);
    // The retry's job continues the delivery's attempts: its next delay would be the schedule's second.
    expect((await queue.getJob(`wh-${endpoint.id}-${retried}`))?.data).toEqual({
      endpointId: endpoint.id,
      eventId: retried,
      attemptsBefore: 1,
    });
    const attempts = await db().query(
      `SELECT a.response_status FROM webhook_delivery_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
       WHERE d.event_id = $1 AND d.endpoint_id = $2 ORDER BY a.attempted_at`,
      [retried, endpoint.id],
    );
    expect(attempts).toEqual([{ response_status: 500 }, { response_status: 204 }]);
    await t.http.delete(`/v1/webhook-endpoints/${endpoint.id}`).set(owner.auth).expect(204);
  });

  it('a batch job has at most WEBHOOK_SENDS_PER_JOB requests open to its receiver at once', async () => {
    const endpoint = await createEndpoint(owner, { eventTypes: ['conversion.created'] });
    const relationship = await relationshipFixture(t.http, owner);
    receiver.delay(300);
    receiver.peak.reset();
    try {
      const conversions = Array.from({ length: 12 }, () => conversionBody({ relationshipId: relationship.id }));
      await t.http.post('/v1/conversions/batch').set(owner.auth).send({ conversions }).expect(200);
      await waitFor(() => new Set(ofType('conversion.created').map((r) => r.headers['webhook-id'])).size === 12);
      expect(receiver.peak.value).toBeGreaterThan(1);
      expect(receiver.peak.value).toBeLessThanOrEqual(3);
    } finally {
      receiver.delay(0);
    }
    await t.http.delete(`/v1/webhook-endpoints/${endpoint.id}`).set(owner.auth).expect(204);
  });

  it('disables an endpoint whose receiver answers 410 Gone, sends it nothing more, and emails the admins once', async () => {
    const admin = await signup(t.http, { name: 'Admin Person' });
    const manager = await signup(t.http, { name: 'Manager Person' });
    await addMember(t, owner, admin, 'admin');
    await addMember(t, owner, manager, 'manager');
    const endpoint = await createEndpoint(owner, { eventTypes: ['influencer.created'], description: 'Warehouse sync' });
    receiver.answers.push(410);
    await t.http.post('/v1/influencers').set(owner.auth).send(influencerBody()).expect(201);
    const disabled = await waitFor(async () => {
      const read = await t.http.get(`/v1/webhook-endpoints/${endpoint.id}`).set(owner.auth).expect(200);
      return !read.body.enabled && read.body;
    });
    expect(disabled.disabledReason).toMatch(/410/);
    await t.http.post('/v1/influencers').set(owner.auth).send(influencerBody()).expect(201);
    await waitFor(() => disabledNotices(endpoint.id).length > 0);
    const [notice] = disabledNotices(endpoint.id);
    // The owner and the admin, not the manager: the endpoints are the admins' business.
    expect(notice.to.sort()).toEqual([owner.email, admin.email].map((e) => e.toLowerCase()).sort());
    expect(notice.subject).toBe(`Webhook endpoint disabled: ${new URL(receiver.url).origin} (Warehouse sync)`);
    expect(notice.text).toContain('the receiver answered 410 Gone');
    expect(notice.text).toContain(`/v1/webhook-endpoints/${endpoint.id}/replay`);
    // Every link of ours opens a page in a browser: the console's endpoints, not an API route (a JSON 401 there).
    const consoleUrl = 'http://localhost:3000/app/settings/webhooks';
    expect(notice.text.match(/http:\/\/localhost:3000\S*/g)).toEqual([consoleUrl]);
    expect([...notice.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1])).toEqual([consoleUrl]);
    // Never the full URL: its path may be the receiver's own secret.
    expect(notice.text).not.toContain(receiver.url);
    await settle();
    expect(receiver.received).toHaveLength(1);
    expect(disabledNotices(endpoint.id)).toHaveLength(1);
    await t.http.delete(`/v1/webhook-endpoints/${endpoint.id}`).set(owner.auth).expect(204);
  });

  it('disables an endpoint failing every attempt for 5 days with one email however many deliveries fail at once; enabled again, it may be disabled and emailed again', async () => {
    const endpoint = await createEndpoint(owner, { eventTypes: ['influencer.created'] });
    // The streak began 5 days and an hour ago: the next failures cross the line, several at once.
    await db().query(`UPDATE webhook_endpoints SET failing_since = now() - interval '121 hours' WHERE id = $1`, [endpoint.id]);
    receiver.answers.push(500, 500, 500, 500);
    for (let i = 0; i < 4; i++) await t.http.post('/v1/influencers').set(owner.auth).send(influencerBody()).expect(201);
    await waitFor(() => disabledNotices(endpoint.id).length === 1);
    const read = await t.http.get(`/v1/webhook-endpoints/${endpoint.id}`).set(owner.auth).expect(200);
    expect(read.body).toMatchObject({ enabled: false, disabledReason: 'every attempt failed for 120 hours' });
    expect(disabledNotices(endpoint.id)[0].text).toContain('every attempt failed for 120 hours');
    // The other deliveries' failures, and their retries, find it disabled already: no second email.
    await waitFor(async () => {
      const [{ pending }] = await db().query(
        `SELECT count(*)::int AS pending FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'pending'`,
        [endpoint.id],
      );
      return pending === 0;
    });
    await settle();
    expect(disabledNotices(endpoint.id)).toHaveLength(1);
    const rows = await db().query(`SELECT status, audience FROM notifications WHERE subject_id = $1`, [endpoint.id]);
    expect(rows).toEqual([{ status: 'sent', audience: 'managers' }]);

    // Enabled again, the past failures are forgotten; disabled again, a new email.
    await t.http.patch(`/v1/webhook-endpoints/${endpoint.id}`).set(owner.auth).send({ enabled: true }).expect(200);
    receiver.answers.length = 0;
    receiver.answers.push(410);
    await t.http.post('/v1/influencers').set(owner.auth).send(influencerBody()).expect(201);
    await waitFor(() => disabledNotices(endpoint.id).length === 2);
    await settle();
    expect(disabledNotices(endpoint.id)).toHaveLength(2);
    await t.http.delete(`/v1/webhook-endpoints/${endpoint.id}`).set(owner.auth).expect(204);
  });

  it('test ping goes to that endpoint alone; a rotated secret signs beside the old one for 24 hours', async () => {
    const endpoint = await createEndpoint(owner, { eventTypes: ['influencer.created'] });
    const other = await createEndpoint(owner);
    await t.http.post(`/v1/webhook-endpoints/${endpoint.id}/test`).set(owner.auth).expect(202);
    await waitFor(() => receiver.received.length === 1);
    expect(receiver.received[0].json).toMatchObject({ type: 'ping', data: { endpointId: endpoint.id } });
    expect(verifies(endpoint.secret, receiver.received[0])).toBe(true);

    const rotated = await t.http.post(`/v1/webhook-endpoints/${endpoint.id}/rotate-secret`).set(owner.auth).expect(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    await t.http.post(`/v1/webhook-endpoints/${endpoint.id}/test`).set(owner.auth).expect(202);
    await waitFor(() => receiver.received.length === 2);
    expect(verifies(rotated.body.secret, receiver.received[1])).toBe(true);
    expect(verifies(endpoint.secret, receiver.received[1])).toBe(true);

    // 24 hours on: the old secret no longer signs.
    await db().query(`UPDATE webhook_endpoints SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1`, [endpoint.id]);
    await t.http.post(`/v1/webhook-endpoints/${endpoint.id}/test`).set(owner.auth).expect(202);
    await waitFor(() => receiver.received.length === 3);
    expect(verifies(rotated.body.secret, receiver.received[2])).toBe(true);
    expect(verifies(endpoint.secret, receiver.received[2])).toBe(false);
    for (const id of [endpoint.id, other.id]) await t.http.delete(`/v1/webhook-endpoints/${id}`).set(owner.auth).expect(204);
  });

  it('replays the subscribed events since a time with their original ids', async () => {
    const since = new Date().toISOString();
    const endpoint = await createEndpoint(owner, { eventTypes: ['influencer.created'] });
    for (let i = 0; i < 3; i++) await t.http.post('/v1/influencers').set(owner.auth).send(influencerBody()).expect(201);
    await waitFor(() => receiver.received.length === 3);
    const first = receiver.received.map((r) => r.headers['webhook-id']);
    const replay = await t.http.post(`/v1/webhook-endpoints/${endpoint.id}/replay`).set(owner.auth).send({ since }).expect(202);
    expect(replay.body).toEqual({ replayed: 3 });
    await waitFor(() => receiver.received.length === 6);
    // In order per subject; these are three subjects, delivered side by side.
    expect(
      receiver.received
        .slice(3)
        .map((r) => r.headers['webhook-id'])
        .sort(),
    ).toEqual([...first].sort());
    const bad = await t.http.post(`/v1/webhook-endpoints/${endpoint.id}/replay`).set(owner.auth).send({ since: 'yesterday' }).expect(400);
    expect(bad.body.errors[0].field).toBe('since');
    await t.http.delete(`/v1/webhook-endpoints/${endpoint.id}`).set(owner.auth).expect(204);
  });

  it("sends an endpoint only its own workspace's events; another workspace cannot see or touch it", async () => {
    const other = await signup(t.http);
    const otherReceiver = await startWebhookReceiver();
    try {
      const mine = await createEndpoint(owner, { eventTypes: ['influencer.created'] });
      const theirs = (
        await t.http
          .post('/v1/webhook-endpoints')
          .set(other.auth)
          .send({ url: otherReceiver.url, eventTypes: ['influencer.created'] })
          .expect(201)
      ).body;
      const a = await t.http.post('/v1/influencers').set(owner.auth).send(influencerBody()).expect(201);
      const b = await t.http.post('/v1/influencers').set(other.auth).send(influencerBody()).expect(201);
      await waitFor(() => receiver.received.length === 1 && otherReceiver.received.length === 1);
      expect(receiver.received[0].json.data.influencerId).toBe(a.body.id);
      expect(otherReceiver.received[0].json.data.influencerId).toBe(b.body.id);
      await t.http.get(`/v1/webhook-endpoints/${mine.id}`).set(other.auth).expect(404);
      await t.http.get(`/v1/webhook-endpoints/${mine.id}/deliveries`).set(other.auth).expect(404);
      await t.http.post(`/v1/webhook-endpoints/${mine.id}/replay`).set(other.auth).send({ since: '2020-01-01T00:00:00Z' }).expect(404);
      const delivery = (await t.http.get(`/v1/webhook-endpoints/${mine.id}/deliveries`).set(owner.auth).expect(200)).body.data[0];
      await t.http.post(`/v1/webhook-deliveries/${delivery.id}/retry`).set(other.auth).expect(404);
      await t.http.delete(`/v1/webhook-endpoints/${theirs.id}`).set(other.auth).expect(204);
      await t.http.delete(`/v1/webhook-endpoints/${mine.id}`).set(owner.auth).expect(204);
    } finally {
      await otherReceiver.close();
    }
  });
});
