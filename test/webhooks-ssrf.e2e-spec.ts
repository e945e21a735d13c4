import { INestApplicationContext } from '@nestjs/common';
import { HostResolver } from '@app/events';
import { JobSchedules } from '../apps/worker/src/job-schedules';
import { createTestApp, createTestWorker, FakeResolver, Session, signup, TestApp, waitFor } from './support';

/** Production's URL rules (WEBHOOK_ALLOW_PRIVATE_URLS=false): at creation, on update, and again at each delivery. */
describe('webhook URLs where private addresses are refused', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let owner: Session;
  const resolver = new FakeResolver();

  beforeAll(async () => {
    resolver.names.set('hooks.example.com', ['93.184.216.34']);
    resolver.names.set('internal.example.com', ['10.0.0.7']);
    const env = { WEBHOOK_ALLOW_PRIVATE_URLS: 'false', WEBHOOK_RETRY_DELAYS_MS: '60000' };
    t = await createTestApp(env, (b) => b.overrideProvider(HostResolver).useValue(resolver));
    worker = await createTestWorker(t.env, (b) =>
      b.overrideProvider(JobSchedules).useValue({}).overrideProvider(HostResolver).useValue(resolver),
    );
    owner = await signup(t.http);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it.each([
    ['http://hooks.example.com/x', /https/],
    ['https://127.0.0.1/x', /loopback/],
    ['https://10.1.2.3/x', /private/],
    ['https://169.254.169.254/latest/meta-data', /metadata/],
    ['https://[::1]/x', /loopback/],
    ['https://internal.example.com/x', /private/],
  ])('refuses to create an endpoint at %s, naming the url', async (url, reason) => {
    const response = await t.http.post('/v1/webhook-endpoints').set(owner.auth).send({ url }).expect(400);
    expect(response.body.errors).toEqual([{ field: 'url', message: expect.stringMatching(reason) }]);
    expect((await t.http.get('/v1/webhook-endpoints').set(owner.auth).expect(200)).body.data).toEqual([]);
  });

  it('refuses to move an endpoint to a private URL', async () => {
    const created = await t.http.post('/v1/webhook-endpoints').set(owner.auth).send({ url: 'https://hooks.example.com/a' }).expect(201);
    const response = await t.http
      .patch(`/v1/webhook-endpoints/${created.body.id}`)
      .set(owner.auth)
      .send({ url: 'https://10.0.0.1/a' })
      .expect(400);
    expect(response.body.errors[0].field).toBe('url');
    await t.http.delete(`/v1/webhook-endpoints/${created.body.id}`).set(owner.auth).expect(204);
  });

  it('refuses at delivery a host that resolves to a private address since the endpoint was created', async () => {
    resolver.names.set('moving.example.com', ['93.184.216.34']);
    const created = await t.http
      .post('/v1/webhook-endpoints')
      .set(owner.auth)
      .send({ url: 'https://moving.example.com/hooks' })
      .expect(201);
    resolver.names.set('moving.example.com', ['10.0.0.8']);
    const ping = await t.http.post(`/v1/webhook-endpoints/${created.body.id}/test`).set(owner.auth).expect(202);
    const delivery = await waitFor(async () => {
      const read = await t.http.get(`/v1/webhook-deliveries/${ping.body.id}`).set(owner.auth).expect(200);
      return read.body.attempts > 0 && read.body.lastAttemptAt && read.body;
    });
    expect(delivery).toMatchObject({
      status: 'pending',
      lastResponseStatus: null,
      lastError: expect.stringMatching(/^refused: .*private/),
    });
    expect(delivery.attemptList).toEqual([
      expect.objectContaining({ responseStatus: null, delivered: false, error: expect.stringMatching(/refused/) }),
    ]);
  });
});
