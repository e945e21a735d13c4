import { randomBytes } from 'node:crypto';
import type { Test } from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { conversionBody } from './attribution-fixtures';
import { signInvitationToken } from '@app/workspaces';
import { addMember, brandBody, browserSession, contractBody, influencerBody, relationshipFixture, Session, signup } from './factories';
import { contractIn, deliverableIn } from './lifecycle-fixtures';
import { ambassadorFixture, portalSessionOf, portalToken } from './portal-fixtures';
import { portalLink } from '@app/notifications';

/** One call of a write route: where, a body it accepts, and whether it needs no token (signup, login). */
export interface WriteCall {
  url: string;
  body: Record<string, unknown>;
  public?: boolean;
  /** Instead of the session's bearer token: a route only a browser session calls (its cookie and header). */
  auth?: Record<string, string>;
}

/** `t`: the app's environment, for what a test can only make with its secret (an invitation email's token). */
export type WriteRouteFixture = (http: TestAgent, s: Session, t: { http: TestAgent; env: Record<string, string> }) => Promise<WriteCall>;

const unique = () => randomBytes(5).toString('hex');

/** A new conversion of a new relationship, for the routes that act on one. */
const conversionId = async (http: TestAgent, s: Session): Promise<string> =>
  (
    await http
      .post('/v1/conversions')
      .set(s.auth)
      .send(conversionBody({ relationshipId: (await relationshipFixture(http, s)).id }))
      .expect(201)
  ).body.id;

/** Nothing listens there: the suites using these fixtures run no worker, so nothing is sent. */
const webhookUrl = 'http://127.0.0.1:9/hooks';

export const webhookEndpointId = async (http: TestAgent, s: Session): Promise<string> =>
  (await http.post('/v1/webhook-endpoints').set(s.auth).send({ url: webhookUrl }).expect(201)).body.id;

/** A delivery (of a test ping) to a new endpoint. */
export const webhookDeliveryId = async (http: TestAgent, s: Session): Promise<string> =>
  (
    await http
      .post(`/v1/webhook-endpoints/${await webhookEndpointId(http, s)}/test`)
      .set(s.auth)
      .expect(202)
  ).body.id;

/** A payout run of a new payee's 100.00 bonus, its one payout moved to `status` (draft or approved). */
export async function payoutRunFixture(
  http: TestAgent,
  s: Session,
  status: 'draft' | 'approved' = 'draft',
): Promise<{ runId: string; payoutId: string }> {
  const { id, brandId } = await relationshipFixture(http, s);
  await http
    .post(`/v1/relationships/${id}/costs`)
    .set(s.auth)
    .send({ kind: 'bonus', amount: '100.00', incurredOn: '2026-01-15' })
    .expect(201);
  const runId: string = (await http.post('/v1/payout-runs').set(s.auth).send({ periodEnd: '2026-01-31', brandId }).expect(201)).body.id;
  const payoutId: string = (await http.get(`/v1/payouts?runId=${runId}`).set(s.auth).expect(200)).body.data[0].id;
  if (status === 'approved') await http.post(`/v1/payouts/${payoutId}/approve`).set(s.auth).send({}).expect(200);
  return { runId, payoutId };
}

/**
 * Calls that the routes accept, with what they act on made first in the state they need (a draft to
 * activate, a submitted deliverable to approve...). Keyed like the OpenAPI document: `METHOD /v1/path/{id}`.
 * Suites that walk the document fail on a write route missing here, so a new route is never skipped.
 */
export const writeRouteFixtures: Record<string, WriteRouteFixture> = {
  'POST /v1/auth/signup': async () => ({
    url: '/v1/auth/signup',
    public: true,
    body: { workspaceName: `W ${unique()}`, name: 'Someone', email: `s-${unique()}@example.com`, password: 'correct horse battery' },
  }),
  'POST /v1/auth/login': async (_http, s) => ({
    url: '/v1/auth/login',
    public: true,
    body: { email: s.email, password: 'correct horse battery' },
  }),
  'POST /v1/auth/session': async (_http, s) => ({
    url: '/v1/auth/session',
    public: true,
    body: { email: s.email, password: 'correct horse battery' },
  }),
  'PATCH /v1/auth/session': async (http, s) => ({
    url: '/v1/auth/session',
    auth: await browserSession(http, s),
    body: { workspaceId: s.workspaceId },
  }),
  'POST /v1/api-keys': async () => ({ url: '/v1/api-keys', body: { name: 'a key', role: 'viewer' } }),
  'POST /v1/members': async () => ({ url: '/v1/members', body: { email: `m-${unique()}@example.com`, role: 'viewer' } }),
  'PATCH /v1/members/{id}': async (http, s, t) => ({
    url: `/v1/members/${(await addMember(t, s, await signup(http), 'viewer')).memberId}`,
    body: { role: 'manager' },
  }),
  // The session's person is invited into another workspace, and accepts.
  'POST /v1/invitations/accept': async (http, s, t) => {
    const other = await signup(http);
    const invited = await http.post('/v1/members').set(other.auth).send({ email: s.email, role: 'viewer' }).expect(202);
    return { url: '/v1/invitations/accept', body: { token: signInvitationToken(t.env.JWT_SECRET, invited.body.id) } };
  },
  'PATCH /v1/workspace': async () => ({
    url: '/v1/workspace',
    body: { conversionLockDays: 20, tierThresholds: { micro: 10_000, mid: 100_000, macro: 500_000, mega: 1_000_000 } },
  }),
  'PUT /v1/workspace/shopify': async () => ({ url: '/v1/workspace/shopify', body: { secret: `shpss_${unique()}` } }),
  'POST /v1/brands': async () => ({ url: '/v1/brands', body: brandBody() }),
  'PATCH /v1/brands/{id}': async (http, s) => ({
    url: `/v1/brands/${(await http.post('/v1/brands').set(s.auth).send(brandBody()).expect(201)).body.id}`,
    body: { fiscalYearStartMonth: 4 },
  }),
  'POST /v1/influencers': async () => ({ url: '/v1/influencers', body: influencerBody() }),
  'PATCH /v1/influencers/{id}': async (http, s) => ({
    url: `/v1/influencers/${(await http.post('/v1/influencers').set(s.auth).send(influencerBody()).expect(201)).body.id}`,
    body: influencerBody(),
  }),
  'POST /v1/relationships': async (http, s) => {
    const brandId = (await http.post('/v1/brands').set(s.auth).send(brandBody()).expect(201)).body.id;
    const influencerId = (await http.post('/v1/influencers').set(s.auth).send(influencerBody()).expect(201)).body.id;
    return { url: '/v1/relationships', body: { brandId, influencerId } };
  },
  'POST /v1/relationships/{id}/costs': async (http, s) => ({
    url: `/v1/relationships/${(await relationshipFixture(http, s)).id}/costs`,
    body: { kind: 'product', amount: '49.90' },
  }),
  'POST /v1/contracts': async (http, s) => ({ url: '/v1/contracts', body: contractBody((await relationshipFixture(http, s)).id) }),
  'PATCH /v1/contracts/{id}': async (http, s) => ({
    url: `/v1/contracts/${(await contractIn(http, s, 'draft')).id}`,
    body: { notes: 'edited', exclusivity: { category: 'outdoor', until: '2026-12-31' } },
  }),
  'POST /v1/contracts/{id}/activate': async (http, s) => ({
    url: `/v1/contracts/${(await contractIn(http, s, 'draft')).id}/activate`,
    body: {},
  }),
  'POST /v1/contracts/{id}/renew': async (http, s) => ({
    url: `/v1/contracts/${(await contractIn(http, s, 'active')).id}/renew`,
    body: { overrides: { retainerMonthly: '1200.00' } },
  }),
  'POST /v1/contracts/{id}/terminate': async (http, s) => ({
    url: `/v1/contracts/${(await contractIn(http, s, 'active')).id}/terminate`,
    body: { effectiveDate: '2026-03-31', reason: 'Budget cut' },
  }),
  'POST /v1/contracts/{id}/cancel-auto-renew': async (http, s) => ({
    url: `/v1/contracts/${(await contractIn(http, s, 'active', { autoRenew: true, renewalTermMonths: 6 })).id}/cancel-auto-renew`,
    body: {},
  }),
  'POST /v1/deliverables': async (http, s) => {
    const contract = await contractIn(http, s, 'draft');
    return { url: '/v1/deliverables', body: { contractId: contract.id, type: 'reel', platform: 'instagram', dueDate: contract.startDate } };
  },
  'PATCH /v1/deliverables/{id}': async (http, s) => ({
    url: `/v1/deliverables/${await deliverableIn(http, s, 'planned')}`,
    body: { brief: 'Show the new jacket' },
  }),
  'POST /v1/contracts/{id}/send-terms': async (http, s) => ({
    url: `/v1/contracts/${(await contractIn(http, s, 'draft')).id}/send-terms`,
    body: {},
  }),
  // The ambassador portal: sign-in and link exchange are public; the rest is called with an ambassador's portal cookie.
  'POST /v1/portal/sign-in': async (_http, s) => ({
    url: '/v1/portal/sign-in',
    public: true,
    body: { workspaceId: s.workspaceId, email: `a-${unique()}@example.com` },
  }),
  'POST /v1/portal/session': async (http, s, t) => {
    const { influencerId } = await ambassadorFixture(http, s);
    const link = portalLink(t.env.JWT_SECRET, 'http://localhost', { workspaceId: s.workspaceId, influencerId, path: '/' }, new Date());
    return { url: '/v1/portal/session', public: true, body: { token: portalToken(link) } };
  },
  'POST /v1/portal/contracts/{id}/accept': async (http, s, t) => {
    const a = await ambassadorFixture(http, s);
    const auth = await portalSessionOf(t, s.workspaceId, a.influencerId);
    const { termsSha256 } = (await http.get(`/v1/portal/contracts/${a.contractId}`).set(auth).expect(200)).body;
    return { url: `/v1/portal/contracts/${a.contractId}/accept`, auth, body: { fullName: a.name, termsSha256 } };
  },
  'POST /v1/portal/deliverables/{id}/submit': async (http, s, t) => {
    const a = await ambassadorFixture(http, s);
    return {
      url: `/v1/portal/deliverables/${a.deliverableId}/submit`,
      auth: await portalSessionOf(t, s.workspaceId, a.influencerId),
      body: { contentUrl: 'https://drive.example.com/draft-1', caption: 'A caption' },
    };
  },
  'POST /v1/portal/deliverables/{id}/post-url': async (http, s, t) => {
    const a = await ambassadorFixture(http, s);
    const auth = await portalSessionOf(t, s.workspaceId, a.influencerId);
    await http
      .post(`/v1/portal/deliverables/${a.deliverableId}/submit`)
      .set(auth)
      .send({ contentUrl: 'https://drive.example.com/d' })
      .expect(200);
    await http.post(`/v1/deliverables/${a.deliverableId}/approve`).set(s.auth).send({}).expect(200);
    return { url: `/v1/portal/deliverables/${a.deliverableId}/post-url`, auth, body: { postUrl: 'https://www.instagram.com/p/C0ffee/' } };
  },
  'POST /v1/deliverables/{id}/submit': async (http, s) => ({
    url: `/v1/deliverables/${await deliverableIn(http, s, 'planned')}/submit`,
    body: { contentUrl: 'https://drive.example.com/draft-1' },
  }),
  'POST /v1/deliverables/{id}/request-changes': async (http, s) => ({
    url: `/v1/deliverables/${await deliverableIn(http, s, 'submitted')}/request-changes`,
    body: { comment: 'Logo first' },
  }),
  'POST /v1/deliverables/{id}/approve': async (http, s) => ({
    url: `/v1/deliverables/${await deliverableIn(http, s, 'submitted')}/approve`,
    body: {},
  }),
  'POST /v1/deliverables/{id}/publish': async (http, s) => ({
    url: `/v1/deliverables/${await deliverableIn(http, s, 'approved')}/publish`,
    body: { postUrl: 'https://www.instagram.com/p/C0ffee/' },
  }),
  'POST /v1/deliverables/{id}/cancel': async (http, s) => ({
    url: `/v1/deliverables/${await deliverableIn(http, s, 'planned')}/cancel`,
    body: {},
  }),
  'POST /v1/deliverables/{id}/metrics': async (http, s) => ({
    url: `/v1/deliverables/${await deliverableIn(http, s, 'published')}/metrics`,
    body: { likes: 12, comments: 3 },
  }),
  'POST /v1/tracking-codes': async (http, s) => ({
    url: '/v1/tracking-codes',
    body: { relationshipId: (await relationshipFixture(http, s)).id, kind: 'code', code: `CODE-${unique()}` },
  }),
  'POST /v1/conversions': async (http, s) => ({
    url: '/v1/conversions',
    body: conversionBody({ relationshipId: (await relationshipFixture(http, s)).id }),
  }),
  'POST /v1/conversions/batch': async (http, s) => ({
    url: '/v1/conversions/batch',
    body: { conversions: [conversionBody({ relationshipId: (await relationshipFixture(http, s)).id })] },
  }),
  'POST /v1/conversions/{id}/reverse': async (http, s) => ({
    url: `/v1/conversions/${await conversionId(http, s)}/reverse`,
    body: { amount: '10.00', reason: 'Returned' },
  }),
  'POST /v1/conversions/{id}/void': async (http, s) => ({
    url: `/v1/conversions/${await conversionId(http, s)}/void`,
    body: { reason: 'Sent by mistake' },
  }),
  'POST /v1/reports/quarterly/send': async (http, s) => ({
    url: '/v1/reports/quarterly/send',
    body: { brandId: (await relationshipFixture(http, s)).brandId, quarter: '2026-Q1' },
  }),
  'POST /v1/reports/quarterly/share': async (http, s) => ({
    url: '/v1/reports/quarterly/share',
    body: { brandId: (await relationshipFixture(http, s)).brandId, quarter: '2026-Q1', expiresInDays: 3 },
  }),
  'POST /v1/webhook-endpoints': async () => ({
    url: '/v1/webhook-endpoints',
    body: { url: webhookUrl, eventTypes: ['influencer.created'] },
  }),
  'PATCH /v1/webhook-endpoints/{id}': async (http, s) => ({
    url: `/v1/webhook-endpoints/${await webhookEndpointId(http, s)}`,
    body: { enabled: false, description: 'paused' },
  }),
  'POST /v1/webhook-endpoints/{id}/rotate-secret': async (http, s) => ({
    url: `/v1/webhook-endpoints/${await webhookEndpointId(http, s)}/rotate-secret`,
    body: {},
  }),
  'POST /v1/webhook-endpoints/{id}/test': async (http, s) => ({
    url: `/v1/webhook-endpoints/${await webhookEndpointId(http, s)}/test`,
    body: {},
  }),
  'POST /v1/webhook-endpoints/{id}/replay': async (http, s) => ({
    url: `/v1/webhook-endpoints/${await webhookEndpointId(http, s)}/replay`,
    body: { since: '2026-01-01T00:00:00Z' },
  }),
  'POST /v1/webhook-deliveries/{id}/retry': async (http, s) => ({
    url: `/v1/webhook-deliveries/${await webhookDeliveryId(http, s)}/retry`,
    body: {},
  }),
  'PUT /v1/influencers/{id}/payout-method': async (http, s) => ({
    url: `/v1/influencers/${(await http.post('/v1/influencers').set(s.auth).send(influencerBody()).expect(201)).body.id}/payout-method`,
    body: { kind: 'bank_transfer', accountHolderName: 'Ana Lima', iban: 'FR1420041010050500013M02606', bic: 'BNPAFRPP' },
  }),
  'PATCH /v1/payout-settings': async () => ({ url: '/v1/payout-settings', body: { minimum: '50.00' } }),
  'POST /v1/payout-runs': async (http, s) => ({
    url: '/v1/payout-runs',
    body: { periodEnd: '2026-01-31', brandId: (await relationshipFixture(http, s)).brandId },
  }),
  'POST /v1/payout-runs/{id}/approve': async (http, s) => ({
    url: `/v1/payout-runs/${(await payoutRunFixture(http, s)).runId}/approve`,
    body: {},
  }),
  'POST /v1/payout-runs/{id}/mark-paid': async (http, s) => ({
    url: `/v1/payout-runs/${(await payoutRunFixture(http, s, 'approved')).runId}/mark-paid`,
    body: { reference: 'PP-BATCH-1', paidAt: '2026-02-01T10:00:00Z' },
  }),
  'POST /v1/payout-runs/{id}/fail': async (http, s) => ({
    url: `/v1/payout-runs/${(await payoutRunFixture(http, s, 'approved')).runId}/fail`,
    body: { reason: 'Account closed' },
  }),
  'POST /v1/payout-runs/{id}/cancel': async (http, s) => ({
    url: `/v1/payout-runs/${(await payoutRunFixture(http, s)).runId}/cancel`,
    body: { reason: 'Wrong period' },
  }),
  'POST /v1/payouts/{id}/approve': async (http, s) => ({
    url: `/v1/payouts/${(await payoutRunFixture(http, s)).payoutId}/approve`,
    body: {},
  }),
  'POST /v1/payouts/{id}/mark-paid': async (http, s) => ({
    url: `/v1/payouts/${(await payoutRunFixture(http, s, 'approved')).payoutId}/mark-paid`,
    body: { reference: 'PP-1', paidAt: '2026-02-01T10:00:00Z' },
  }),
  'POST /v1/payouts/{id}/fail': async (http, s) => ({
    url: `/v1/payouts/${(await payoutRunFixture(http, s, 'approved')).payoutId}/fail`,
    body: { reason: 'Account closed' },
  }),
  'POST /v1/payouts/{id}/cancel': async (http, s) => ({
    url: `/v1/payouts/${(await payoutRunFixture(http, s)).payoutId}/cancel`,
    body: { reason: 'Wrong period' },
  }),
};

/** Sends `body` (an object, or raw text) as JSON with the route's method, with the session's token unless the route is public. */
export function sendWrite(http: TestAgent, method: string, call: WriteCall, s: Session, body: object | string): Test {
  const request = (http as unknown as Record<string, (url: string) => Test>)[method](call.url).set('Content-Type', 'application/json');
  return (call.public ? request : request.set(call.auth ?? s.auth)).send(body);
}
