import TestAgent from 'supertest/lib/agent';
import { contractBody, relationshipFixture, Session } from './factories';

/** A contract of a new relationship, as a draft or activated; the default term is 2026-01-01..2026-06-30. */
export async function contractIn(
  http: TestAgent,
  s: Session,
  status: 'draft' | 'active',
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; startDate: string }> {
  const contract = (
    await http
      .post('/v1/contracts')
      .set(s.auth)
      .send(contractBody((await relationshipFixture(http, s)).id, overrides))
      .expect(201)
  ).body;
  if (status === 'active') await http.post(`/v1/contracts/${contract.id}/activate`).set(s.auth).send({}).expect(200);
  return contract;
}

const workflow: [string, string, Record<string, unknown>][] = [
  ['submitted', 'submit', { contentUrl: 'https://drive.example.com/draft-1' }],
  ['approved', 'approve', {}],
  ['published', 'publish', { postUrl: 'https://www.instagram.com/p/C0ffee/' }],
];

/** A deliverable added by hand to a draft contract, moved along the workflow to `status`; returns its id. */
export async function deliverableIn(
  http: TestAgent,
  s: Session,
  status: 'planned' | 'submitted' | 'approved' | 'published',
): Promise<string> {
  const contract = await contractIn(http, s, 'draft');
  const { id } = (
    await http
      .post('/v1/deliverables')
      .set(s.auth)
      .send({ contractId: contract.id, type: 'reel', platform: 'instagram', dueDate: contract.startDate })
      .expect(201)
  ).body;
  for (const [reached, action, body] of workflow) {
    if (status === 'planned') break;
    await http.post(`/v1/deliverables/${id}/${action}`).set(s.auth).send(body).expect(200);
    if (status === reached) break;
  }
  return id;
}
