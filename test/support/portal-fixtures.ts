import TestAgent from 'supertest/lib/agent';
import { portalLink } from '@app/notifications';
import { contractBody, influencerBody, Session } from './factories';

export type PortalAuth = { Cookie: string; 'X-Requested-With': string };

/** The token of a portal link (sign-in email or the link of any email to an ambassador) in a text. */
export const portalToken = (text: string): string | undefined => /\/portal\/link\?token=([\w.-]+)/.exec(text)?.[1];

/** Trades a link's token for the portal cookie, as the portal's link page does; with the header every portal write needs. */
export async function openPortal(http: TestAgent, token: string): Promise<PortalAuth> {
  const response = await http.post('/v1/portal/session').send({ token }).expect(200);
  const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('acrm_portal='));
  if (!cookie) throw new Error('POST /v1/portal/session set no acrm_portal cookie');
  return { Cookie: cookie.split(';')[0], 'X-Requested-With': 'web' };
}

/** A portal session of `influencerId` without email: a 7-day link signed with the app's secret, as the worker signs them. */
export async function portalSessionOf(
  t: { http: TestAgent; env: Record<string, string> },
  workspaceId: string,
  influencerId: string,
  now = new Date(),
): Promise<PortalAuth> {
  const link = portalLink(t.env.JWT_SECRET, 'http://localhost', { workspaceId, influencerId, path: '/' }, now);
  return openPortal(t.http, portalToken(link)!);
}

export interface Ambassador {
  influencerId: string;
  email: string;
  name: string;
  relationshipId: string;
  brandId: string;
  contractId: string;
  deliverableId: string;
}

/** An influencer with an email, a relationship owned by the session's user, a draft term and one planned deliverable due on its start. */
export async function ambassadorFixture(
  http: TestAgent,
  s: Session,
  contract: Record<string, unknown> = {},
  names: { influencer?: Record<string, unknown>; brand?: Record<string, unknown> } = {},
): Promise<Ambassador> {
  const brandId: string = (
    await http
      .post('/v1/brands')
      .set(s.auth)
      .send({ name: `Brand ${Math.random().toString(36).slice(2, 7)}`, currency: 'EUR', timezone: 'Europe/Paris', ...names.brand })
      .expect(201)
  ).body.id;
  const created = (await http.post('/v1/influencers').set(s.auth).send(influencerBody(names.influencer)).expect(201)).body;
  const relationshipId: string = (
    await http.post('/v1/relationships').set(s.auth).send({ brandId, influencerId: created.id, ownerUserId: s.userId }).expect(201)
  ).body.id;
  const draft = (await http.post('/v1/contracts').set(s.auth).send(contractBody(relationshipId, contract)).expect(201)).body;
  const deliverableId: string = (
    await http
      .post('/v1/deliverables')
      .set(s.auth)
      .send({
        contractId: draft.id,
        type: 'reel',
        platform: 'instagram',
        dueDate: draft.startDate,
        brief: 'Show the trail shoes in the first 3 seconds',
      })
      .expect(201)
  ).body.id;
  return {
    influencerId: created.id,
    email: created.email,
    name: created.name,
    relationshipId,
    brandId,
    contractId: draft.id,
    deliverableId,
  };
}
