import { randomBytes } from 'node:crypto';
import TestAgent from 'supertest/lib/agent';

export interface Session {
  token: string;
  userId: string;
  workspaceId: string;
  email: string;
  auth: { Authorization: string };
}

const unique = () => randomBytes(5).toString('hex');

/** Signs up through the API, as a user would: a new workspace with its owner. */
export async function signup(http: TestAgent, overrides: Partial<{ workspaceName: string; name: string; email: string; password: string }> = {}): Promise<Session> {
  const body = { workspaceName: `Workspace ${unique()}`, name: 'Owner Person', email: `owner-${unique()}@example.com`, password: 'correct horse battery', ...overrides };
  const response = await http.post('/v1/auth/signup').send(body).expect(201);
  const token: string = response.body.accessToken;
  return { token, userId: response.body.user.id, workspaceId: response.body.workspace.id, email: body.email, auth: { Authorization: `Bearer ${token}` } };
}

/** A member with the given role in the session's workspace, logged in through an API key of that role. */
export async function apiKeySession(http: TestAgent, owner: Session, role: 'admin' | 'manager' | 'viewer'): Promise<{ auth: { Authorization: string }; id: string }> {
  const response = await http.post('/v1/api-keys').set(owner.auth).send({ name: `${role} key`, role }).expect(201);
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
