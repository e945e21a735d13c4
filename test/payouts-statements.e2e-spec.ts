import { INestApplicationContext } from '@nestjs/common';
import {
  apiKeySession,
  capturingLogs,
  createTestApp,
  createTestWorker,
  influencerBody,
  payoutCalls,
  Session,
  signup,
  SmtpSink,
  startSmtpSink,
  TestApp,
  waitFor,
} from './support';
import { JobSchedules } from '../apps/worker/src/job-schedules';

const IBAN = 'DE89370400440532013000';
const PAYPAL = 'ana.lima.payouts@example.com';

/**
 * Payout methods, statements, their emails and the exports (real PostgreSQL, Redis, an SMTP sink, the worker
 * sending): methods masked for anyone but admins, in the audit log and in every log line; each statement
 * email sent once when approved and once when paid.
 */
describe('payouts: methods, statements, emails, exports (e2e)', () => {
  const lines: string[] = [];
  let t: TestApp;
  let sink: SmtpSink;
  let worker: INestApplicationContext;
  let owner: Session;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ LOG_LEVEL: 'trace', SMTP_URL: sink.url }, capturingLogs(lines));
    worker = await createTestWorker({ ...t.env, JOB_BACKOFF_MS: '50' }, (b) =>
      capturingLogs(lines, 'worker')(b).overrideProvider(JobSchedules).useValue({}),
    );
    owner = await signup(t.http);
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await sink?.close();
  });

  /** A payee with an email, a relationship, a method and a bonus; a run of their brand. */
  async function payee(name: string, method: Record<string, unknown>, amount = '120.00') {
    const influencer = (await t.http.post('/v1/influencers').set(owner.auth).send(influencerBody({ name })).expect(201)).body;
    const brand = (
      await t.http
        .post('/v1/brands')
        .set(owner.auth)
        .send({ name: `Brand of ${name}`, currency: 'EUR', timezone: 'Europe/Paris' })
        .expect(201)
    ).body;
    const relationship = (
      await t.http.post('/v1/relationships').set(owner.auth).send({ brandId: brand.id, influencerId: influencer.id }).expect(201)
    ).body;
    await t.http.put(`/v1/influencers/${influencer.id}/payout-method`).set(owner.auth).send(method).expect(200);
    await payoutCalls(t.http, owner).earn(relationship.id, amount, '2026-01-20');
    return { influencer, brand, relationship };
  }

  it('masks payout methods except to admins, and keeps the full value out of the audit log and the logs', async () => {
    const viewer = await apiKeySession(t.http, owner, 'viewer');
    const manager = await apiKeySession(t.http, owner, 'manager');
    const { influencer } = await payee('Bank Payee', {
      kind: 'bank_transfer',
      accountHolderName: 'Bank Payee',
      iban: IBAN,
      bic: 'COBADEFFXXX',
    });
    const admin = await t.http.get(`/v1/influencers/${influencer.id}/payout-method`).set(owner.auth).expect(200);
    expect(admin.body).toMatchObject({ kind: 'bank_transfer', unmasked: true, details: { iban: IBAN } });
    for (const reader of [viewer, manager]) {
      const masked = await t.http.get(`/v1/influencers/${influencer.id}/payout-method`).set(reader.auth).expect(200);
      expect(masked.body).toMatchObject({ unmasked: false, details: { iban: 'DE****3000', accountHolderName: 'Bank Payee' } });
    }
    await t.http
      .put(`/v1/influencers/${influencer.id}/payout-method`)
      .set(manager.auth)
      .send({ kind: 'paypal', email: PAYPAL })
      .expect(403);
    const refused = await t.http
      .put(`/v1/influencers/${influencer.id}/payout-method`)
      .set(owner.auth)
      .send({ kind: 'bank_transfer', accountHolderName: 'Bank Payee', iban: 'DE89370400440532013001' })
      .expect(400);
    expect(refused.body.errors).toEqual([{ field: 'iban', message: expect.any(String) }]);
    await t.http.put(`/v1/influencers/${influencer.id}/payout-method`).set(owner.auth).send({ kind: 'paypal', email: PAYPAL }).expect(200);

    const audit = (await t.http.get('/v1/audit-log?entityType=payout_method').set(owner.auth).expect(200)).body.data;
    expect(audit.map((e: { action: string }) => e.action).sort()).toEqual(['created', 'updated']);
    expect(JSON.stringify(audit)).toContain('DE****3000');
    expect(JSON.stringify(audit)).toContain('a***@example.com');
    const everything = [JSON.stringify(audit), ...lines].join('\n');
    expect(everything).not.toContain(IBAN);
    expect(everything).not.toContain(PAYPAL);
    expect(lines.length).toBeGreaterThan(10);
  });

  it('emails the statement once when approved and once when paid, with the masked method and the CSV', async () => {
    const { influencer, brand } = await payee('Paid Payee', { kind: 'paypal', email: PAYPAL });
    const { run, payouts, act } = payoutCalls(t.http, owner);
    const made = await run('2026-01-31', brand.id);
    const [payout] = await payouts({ runId: made.id });
    await act(`payout-runs/${made.id}`, 'approve').expect(200);
    await act(`payouts/${payout.id}`, 'approve').expect(409);
    const approved = (await waitFor(
      () => sink.messages.find((m) => m.to.includes(influencer.email) && /approved/.test(m.subject)),
      20_000,
    ))!;
    expect(approved.subject).toBe('Your payout of 120.00 EUR is approved');
    expect(approved.text).toContain('PayPal a***@example.com');
    expect(approved.html).toContain('Payout statement for Paid Payee');
    // The link signs the payee into the portal on this payout's statement page, whose statement is theirs to read.
    const token = /\/portal\/link\?token=([\w.-]+)/.exec(approved.text)![1];
    expect(approved.html).toContain(`/portal/link?token=${token}`);
    const opened = await t.http.post('/v1/portal/session').send({ token }).expect(200);
    expect(opened.body.path).toBe(`/payouts/${payout.id}`);
    const portal = { Cookie: String(opened.headers['set-cookie']).split(';')[0] };
    const shown = (await t.http.get(`/v1/portal${opened.body.path}/statement`).set(portal).expect(200)).body;
    expect(shown).toMatchObject({ payoutId: payout.id, status: 'approved', total: '120.00', method: 'PayPal a***@example.com' });
    expect(approved.attachments).toEqual([
      expect.objectContaining({ filename: 'payout-statement-2026-01-31.csv', content: expect.stringContaining('total') }),
    ]);
    await act(`payout-runs/${made.id}`, 'mark-paid', { reference: 'PP-42', paidAt: '2026-02-01T09:00:00Z' }).expect(200);
    const paid = (await waitFor(() => sink.messages.find((m) => m.to.includes(influencer.email) && /paid/.test(m.subject)), 20_000))!;
    expect(paid.text).toContain('reference PP-42');
    // Everything sent: still one of each.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(sink.messages.filter((m) => m.to.includes(influencer.email)).map((m) => m.subject)).toEqual([
      'Your payout of 120.00 EUR is approved',
      'Your payout of 120.00 EUR has been paid',
    ]);
    const all = [...sink.messages.map((m) => `${m.text}${m.html}${m.attachments.map((a) => a.content).join('')}`)].join('\n');
    expect(all).not.toContain(PAYPAL);

    const csv = await t.http.get(`/v1/payouts/${payout.id}/statement`).set(owner.auth).set('Accept', 'text/csv').expect(200);
    expect(csv.text.split('\n')[0]).toBe('section,brand,relationship_id,kind,from,to,entries,amount,currency');
    expect(csv.text).toContain('line,Brand of Paid Payee');
    const html = await t.http.get(`/v1/payouts/${payout.id}/statement`).set(owner.auth).set('Accept', 'text/html').expect(200);
    expect(html.text).toContain('PayPal a***@example.com');
  });

  it('exports an approved run for PayPal, Wise and as plain CSV with formula cells neutralised; earnings per year', async () => {
    const pp = await payee('=HYPERLINK("http://evil.example")', { kind: 'paypal', email: 'pp.payee@example.com' }, '75.50');
    await payee('Wise Payee', { kind: 'wise', email: 'wise.payee@example.com', accountHolderName: 'Wise Payee' }, '90.00');
    const { run, act } = payoutCalls(t.http, owner);
    const made = await run('2026-01-31');
    const exportOf = (format: string) => t.http.get(`/v1/payout-runs/${made.id}/export?format=${format}`).set(owner.auth);
    expect((await exportOf('plain').expect(409)).body.type).toBeDefined();
    await act(`payout-runs/${made.id}`, 'approve').expect(200);

    const paypal = (await exportOf('paypal').expect(200)).text;
    expect(paypal).toMatch(/^pp\.payee@example\.com,75\.50,EUR,[0-9a-f]{30},Payout through 2026-01-31,PAYPAL$/m);
    const wise = (await exportOf('wise').expect(200)).text.split('\n');
    expect(wise[0]).toBe('name,recipientEmail,paymentReference,receiverType,amountCurrency,amount,sourceCurrency,targetCurrency');
    expect(wise[1]).toBe('Wise Payee,wise.payee@example.com,Payout 2026-01-31,PRIVATE,target,90.00,EUR,EUR');
    const plain = (await exportOf('plain').expect(200)).text;
    expect(plain).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(plain).not.toContain('pp.payee@example.com,75.50');
    const viewer = await apiKeySession(t.http, owner, 'viewer');
    await t.http.get(`/v1/payout-runs/${made.id}/export?format=paypal`).set(viewer.auth).expect(403);

    await act(`payout-runs/${made.id}`, 'mark-paid', { reference: 'BATCH-9', paidAt: '2026-02-02T10:00:00Z' }).expect(200);
    const earnings = (await t.http.get('/v1/payouts/earnings?year=2026').set(owner.auth).expect(200)).text;
    expect(earnings.split('\n')[0]).toBe('year,influencer_id,name,email,currency,earned,paid');
    expect(earnings).toContain(`,${pp.influencer.id},"'=HYPERLINK(""http://evil.example"")",`);
    expect(earnings).toMatch(/Wise Payee,[^,]+,EUR,90\.00,90\.00/);
  });
});
