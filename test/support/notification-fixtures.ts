import { Client } from 'pg';
import TestAgent from 'supertest/lib/agent';
import { contractBody, relationshipFixture, Session } from './factories';

/**
 * A notification row of the session's workspace. Rows are made by the worker's scans, never by the API,
 * so it is inserted with SQL (about a draft contract made through the API); returns its id.
 */
export async function notificationFixture(
  http: TestAgent,
  s: Session,
  databaseUrl: string,
  fields: { kind?: string; recipients?: string[]; status?: string } = {},
): Promise<string> {
  const relationship = await relationshipFixture(http, s);
  const contract = (await http.post('/v1/contracts').set(s.auth).send(contractBody(relationship.id)).expect(201)).body;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `INSERT INTO notifications (workspace_id, kind, subject_type, subject_id, offset_days, audience, recipients, status, due_at)
       VALUES ($1, $2, 'contract', $3, 30, 'managers', $4, $5, now()) RETURNING id`,
      [s.workspaceId, fields.kind ?? 'renewal_upcoming', contract.id, fields.recipients ?? [s.email], fields.status ?? 'scheduled'],
    );
    return rows[0].id as string;
  } finally {
    await client.end();
  }
}
