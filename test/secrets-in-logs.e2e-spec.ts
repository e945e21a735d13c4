import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NotificationsService } from '@app/notifications';
import {
  capturingLogs as capturing,
  createTestApp,
  createTestWorker,
  notificationFixture,
  shopifyDelivery,
  signup,
  SmtpSink,
  smtpScripts,
  startSmtpSink,
  TestApp,
  waitFor,
} from './support';
import { JobSchedules } from '../apps/worker/src/job-schedules';

const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

describe('secrets never reach the logs (e2e)', () => {
  const lines: string[] = [];
  const secrets: Record<string, string> = {
    password: secret('correct-horse'),
    wrongPassword: secret('wrong-horse'),
    smtpPassword: secret('smtp-pass'),
    shopifySecret: secret('shpss'),
    unsubscribeToken: secret('unsub-token'),
    reportLinkToken: secret('report-token'),
  };
  let t: TestApp;
  let sink: SmtpSink;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    sink = await startSmtpSink();
    const smtpUrl = sink.url.replace('smtp://', `smtp://mailer:${secrets.smtpPassword}@`);
    t = await createTestApp({ LOG_LEVEL: 'trace', SMTP_URL: smtpUrl }, capturing(lines));
    secrets.jwtSecret = t.env.JWT_SECRET;
    worker = await createTestWorker({ ...t.env, JOB_BACKOFF_MS: '50' }, (b) =>
      capturing(lines, 'worker')(b).overrideProvider(JobSchedules).useValue({}),
    );
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await sink?.close();
  });

  it('logs every request but none of the passwords, tokens, keys, webhook secrets or SMTP credentials', async () => {
    const http = t.http;
    const owner = await signup(http, { password: secrets.password });
    secrets.signupJwt = owner.token;
    await http.post('/v1/auth/login').send({ email: owner.email, password: secrets.wrongPassword }).expect(401);
    secrets.loginJwt = (
      await http.post('/v1/auth/login').send({ email: owner.email, password: secrets.password }).expect(200)
    ).body.accessToken;

    const key = await http.post('/v1/api-keys').set(owner.auth).send({ name: 'sync', role: 'admin' }).expect(201);
    secrets.apiKey = key.body.key;
    const keyAuth = { Authorization: `Bearer ${secrets.apiKey}` };
    await http.get('/v1/me').set(keyAuth).expect(200);
    // Failing requests carrying credentials: a bad id, an unknown route, a bad token.
    await http.get('/v1/brands/not-a-uuid').set(keyAuth).expect(400);
    await http
      .get('/v1/nowhere')
      .set({ Authorization: `Bearer ${secrets.loginJwt}` })
      .expect(404);
    await http
      .get('/v1/me')
      .set({ Authorization: `Bearer ${secrets.loginJwt}x` })
      .expect(401);
    await http.post('/v1/brands').set(keyAuth).set('Cookie', `acrm_board=${secrets.apiKey}`).send({ name: '' }).expect(400);

    await http.put('/v1/workspace/shopify').set(owner.auth).send({ secret: secrets.shopifySecret }).expect(204);
    const signed = await shopifyDelivery(http, owner.workspaceId, secrets.shopifySecret, 'orders/paid', { id: 1, note: 'no attribution' });
    expect(signed.status).toBeLessThan(500);
    secrets.shopifyHmac = signed.request.getHeader('X-Shopify-Hmac-Sha256') as string;
    await shopifyDelivery(http, owner.workspaceId, 'not-the-secret', 'orders/paid', { id: 2 }).expect(401);

    // Credentials that travel in a URL: signed links of emails.
    await http.get(`/v1/unsubscribe?token=${secrets.unsubscribeToken}`).expect(400);
    await http.get(`/v1/reports/quarterly/view/shared?token=${secrets.reportLinkToken}`);

    // The worker sends through SMTP_URL (credentials in it): one email goes out, the server refuses the next one.
    const sent = await notificationFixture(http, owner, t.databaseUrl);
    await worker.get(NotificationsService).enqueueSend([sent]);
    await waitFor(() => lines.some((line) => line.includes(sent)), 15_000);
    sink.script(smtpScripts.always(550));
    const refused = await notificationFixture(http, owner, t.databaseUrl);
    await worker.get(NotificationsService).enqueueSend([refused]);
    await waitFor(() => lines.some((line) => line.includes(refused) && line.includes('550')), 15_000);

    const text = lines.join('');
    expect(text).toContain('"url":"/v1/auth/login"');
    expect(text).toContain('[redacted]');
    expect(text).toContain(sent);
    const leaked = Object.entries(secrets)
      .filter(([, value]) => text.includes(value))
      .map(([name]) => name);
    expect(leaked).toEqual([]);
    // Nor any recognisable part of them: the JWT's signature, the key without its prefix.
    expect(text).not.toContain(secrets.loginJwt.split('.')[2]);
    expect(text).not.toContain(secrets.apiKey.slice(3));
  }, 60_000);
});
