import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { RequestContext, Role } from '@app/common';
import { DeliverablesService, PlanItem } from '@app/deliverables';
import { signInvitationToken } from '@app/workspaces';
import type { TestApp } from './test-app';

export interface Session {
  token: string;
  userId: string;
  workspaceId: string;
  email: string;
  auth: { Authorization: string };
}

const unique = () => randomBytes(5).toString('hex');

/** Signs up through the API, as a user would: a new workspace with its owner. */
export async function signup(
  http: TestAgent,
  overrides: Partial<{ workspaceName: string; name: string; email: string; password: string }> = {},
): Promise<Session> {
  const body = {
    workspaceName: `Workspace ${unique()}`,
    name: 'Owner Person',
    email: `owner-${unique()}@example.com`,
    password: 'correct horse battery',
    ...overrides,
  };
  const response = await http.post('/v1/auth/signup').send(body).expect(201);
  const token: string = response.body.accessToken;
  return {
    token,
    userId: response.body.user.id,
    workspaceId: response.body.workspace.id,
    email: body.email,
    auth: { Authorization: `Bearer ${token}` },
  };
}

/**
 * `person` joins the owner's workspace with `role` the way people do: invited (POST /v1/members), then
 * accepting with the token of the invitation email (signed here with the app's secret, as the email's
 * link is). Returns the membership and the person's token for that workspace.
 */
export async function addMember(
  t: { http: TestAgent; env: Record<string, string> },
  owner: { auth: { Authorization: string } },
  person: Session,
  role: 'owner' | 'admin' | 'manager' | 'viewer',
): Promise<{ memberId: string; auth: { Authorization: string } }> {
  const invited = await t.http.post('/v1/members').set(owner.auth).send({ email: person.email, role }).expect(202);
  const token = signInvitationToken(t.env.JWT_SECRET, invited.body.id);
  const accepted = await t.http.post('/v1/invitations/accept').set(person.auth).send({ token }).expect(200);
  return { memberId: accepted.body.member.id, auth: { Authorization: `Bearer ${accepted.body.accessToken}` } };
}

/**
 * The console's way in: POST /v1/auth/session, then the session cookie and the header the console sends on
 * every request (a state change without it is refused). Set these instead of `auth`.
 */
export async function browserSession(
  http: TestAgent,
  person: { email: string },
  password = 'correct horse battery',
): Promise<{ Cookie: string; 'X-Requested-With': string }> {
  const response = await http.post('/v1/auth/session').send({ email: person.email, password }).expect(200);
  const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('acrm_session='));
  if (!cookie) throw new Error('POST /v1/auth/session set no acrm_session cookie');
  return { Cookie: cookie.split(';')[0], 'X-Requested-With': 'web' };
}

/** A member with the given role in the session's workspace, logged in through an API key of that role. */
export async function apiKeySession(
  http: TestAgent,
  owner: Session,
  role: 'admin' | 'manager' | 'viewer',
): Promise<{ auth: { Authorization: string }; id: string }> {
  const response = await http
    .post('/v1/api-keys')
    .set(owner.auth)
    .send({ name: `${role} key`, role })
    .expect(201);
  return { auth: { Authorization: `Bearer ${response.body.key}` }, id: response.body.id };
}

export function brandBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: `Brand ${unique()}`, currency: 'EUR', timezone: 'Europe/Paris', ...overrides };
}

export function influencerBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = unique();
  return {
    name: `Creator ${id}`,
    email: `creator-${id}@example.com`,
    country: 'FR',
    tags: ['outdoor'],
    socialAccounts: [{ platform: 'instagram', handle: `creator_${id}`, followers: 25_000 }],
    ...overrides,
  };
}

export function socialAccountBody(followers: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { platform: 'instagram', handle: `acct_${unique()}`, followers, ...overrides };
}

export interface ContractFixture {
  brandId: string;
  influencerId: string;
  relationshipId: string;
  contractId: string;
  /** The influencer's accounts as the API answered them (largest audience first). */
  socialAccounts: { id: string; platform: string; handle: string; followers: number }[];
}

export interface ContractFixtureOptions {
  timezone?: string;
  currency?: string;
  startDate: string;
  endDate: string;
  feePerDeliverable?: string;
  plan: PlanItem[];
  socialAccounts?: Record<string, unknown>[];
}

/**
 * Deliverables without the contracts API: a brand and an influencer through the API, a relationship and an
 * active contract inserted with SQL, then the plan generated by DeliverablesService as activation does.
 */
export async function contractFixture(t: TestApp, owner: Session, options: ContractFixtureOptions): Promise<ContractFixture> {
  const { timezone = 'Europe/Paris', currency = 'EUR', feePerDeliverable = '150.0000', plan, startDate, endDate } = options;
  const brand = await t.http.post('/v1/brands').set(owner.auth).send(brandBody({ timezone, currency })).expect(201);
  const influencer = await t.http
    .post('/v1/influencers')
    .set(owner.auth)
    .send(influencerBody(options.socialAccounts ? { socialAccounts: options.socialAccounts } : {}))
    .expect(201);
  const client = new Client({ connectionString: t.databaseUrl });
  await client.connect();
  try {
    const relationship = await client.query(
      `INSERT INTO relationships (workspace_id, brand_id, influencer_id, status) VALUES ($1, $2, $3, 'active') RETURNING id`,
      [owner.workspaceId, brand.body.id, influencer.body.id],
    );
    const contract = await client.query(
      `INSERT INTO contracts (workspace_id, relationship_id, status, start_date, end_date, currency, fee_per_deliverable, deliverable_plan) VALUES ($1, $2, 'active', $3, $4, $5, $6, $7) RETURNING id`,
      [owner.workspaceId, relationship.rows[0].id, startDate, endDate, currency, feePerDeliverable, JSON.stringify(plan)],
    );
    const ids = { relationshipId: relationship.rows[0].id as string, contractId: contract.rows[0].id as string };
    const dataSource = t.app.get(DataSource);
    const actor = { workspaceId: owner.workspaceId, role: Role.Owner, userId: owner.userId };
    const contractInput = { id: ids.contractId, relationshipId: ids.relationshipId, startDate, endDate, feePerDeliverable, currency, plan };
    await RequestContext.run(
      () => dataSource.transaction((manager) => t.app.get(DeliverablesService).generateForContract(manager, contractInput)),
      actor,
    );
    return { brandId: brand.body.id, influencerId: influencer.body.id, ...ids, socialAccounts: influencer.body.socialAccounts };
  } finally {
    await client.end();
  }
}

/** A brand (with `brand` overrides), an influencer and their relationship, made through the API. */
export async function relationshipFixture(
  http: TestAgent,
  s: { auth: { Authorization: string } },
  brand: Record<string, unknown> = {},
): Promise<{ id: string; brandId: string; influencerId: string }> {
  const brandId: string = (await http.post('/v1/brands').set(s.auth).send(brandBody(brand)).expect(201)).body.id;
  const influencerId: string = (await http.post('/v1/influencers').set(s.auth).send(influencerBody()).expect(201)).body.id;
  const response = await http.post('/v1/relationships').set(s.auth).send({ brandId, influencerId }).expect(201);
  return { id: response.body.id, brandId, influencerId };
}

/** A valid draft for POST /v1/contracts: six months, 2 reels a month. */
export function contractBody(relationshipId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    relationshipId,
    startDate: '2026-01-01',
    endDate: '2026-06-30',
    retainerMonthly: '1000.00',
    feePerDeliverable: '150.00',
    deliverablePlan: [{ type: 'reel', platform: 'instagram', quantity: 2, per: 'month' }],
    ...overrides,
  };
}

/** Shortcuts for the contract routes as a session calls them; `act` leaves the status to assert. */
export function contractCalls(http: TestAgent, s: { auth: { Authorization: string } }) {
  const get = async (path: string) => (await http.get(path).set(s.auth).expect(200)).body;
  return {
    draft: async (relationshipId: string, overrides: Record<string, unknown> = {}) =>
      (await http.post('/v1/contracts').set(s.auth).send(contractBody(relationshipId, overrides)).expect(201)).body,
    act: (id: string, action: 'activate' | 'renew' | 'terminate' | 'cancel-auto-renew', body: object = {}) =>
      http.post(`/v1/contracts/${id}/${action}`).set(s.auth).send(body),
    deliverables: async (contractId: string): Promise<{ id: string; dueDate: string; status: string }[]> =>
      (await get(`/v1/deliverables?contractId=${contractId}&limit=200`)).data,
    relationship: (id: string) => get(`/v1/relationships/${id}`),
  };
}
