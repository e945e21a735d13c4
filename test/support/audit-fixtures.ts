import TestAgent from 'supertest/lib/agent';

/** An entry of GET /v1/audit-log as tests read it. */
export interface AuditEntryBody {
  id: string;
  entityType: string;
  entityId: string;
  action: string;
  changes: Record<string, unknown>;
  actor: { type: string; id: string | null; name: string | null; email: string | null; keyPrefix: string | null };
  createdAt: string;
}

/** One page of the audit log (`query` starts with `?` or is empty); fails unless the answer is 200. */
export async function readAuditLog(
  http: TestAgent,
  s: { auth: { Authorization: string } },
  query = '',
): Promise<{ data: AuditEntryBody[]; nextCursor: string | null }> {
  return (await http.get(`/v1/audit-log${query}`).set(s.auth).expect(200)).body;
}
