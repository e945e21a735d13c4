import { Client } from 'pg';
import TestAgent from 'supertest/lib/agent';
import { brandBody, influencerBody, Session } from './factories';

/** Columns of relationship_daily_stats a test sets (snake_case, as in docs/rollups.md); the rest stay 0. */
export type DailyStats = Partial<
  Record<
    | 'conversions'
    | 'revenue'
    | 'reversals'
    | 'commission'
    | 'spend_retainer'
    | 'spend_deliverable_fee'
    | 'spend_commission'
    | 'spend_product'
    | 'spend_other'
    | 'impressions'
    | 'reach'
    | 'views'
    | 'engagements'
    | 'clicks'
    | 'engagement_followers'
    | 'deliverables_due'
    | 'deliverables_published'
    | 'deliverables_missed'
    | 'deliverables_on_time'
    | 'deliverables_late'
    | 'emv',
    number | string
  >
>;

/** Runs statements on a test database with its own connection (the API's pool stays untouched). */
export async function withSql<T>(databaseUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Rollup rows written directly, as the rollups engine would: reports read nothing else, so their tests
 * control every figure. A second row for the same (relationship, day) adds to the first.
 */
export function insertDailyStats(
  databaseUrl: string,
  workspaceId: string,
  relationshipId: string,
  days: Record<string, DailyStats>,
): Promise<void> {
  return withSql(databaseUrl, async (client) => {
    for (const [day, stats] of Object.entries(days)) {
      const columns = Object.keys(stats);
      const values = Object.values(stats).map(String);
      await client.query(
        `INSERT INTO relationship_daily_stats (workspace_id, relationship_id, day, ${columns.join(', ')})
         VALUES ($1, $2, $3, ${columns.map((_, i) => `$${i + 4}`).join(', ')})
         ON CONFLICT (relationship_id, day) DO UPDATE SET ${columns.map((c) => `${c} = relationship_daily_stats.${c} + EXCLUDED.${c}`).join(', ') || 'day = EXCLUDED.day'}`,
        [workspaceId, relationshipId, day, ...values],
      );
    }
  });
}

/** A brand and, for each entry, an influencer with that many followers (its tier) and their relationship, through the API. */
export async function brandWithRelationships(
  http: TestAgent,
  s: Session,
  brand: Record<string, unknown>,
  influencers: { name?: string; followers: number }[],
): Promise<{ brandId: string; relationships: { id: string; influencerId: string; name: string }[] }> {
  const brandId: string = (await http.post('/v1/brands').set(s.auth).send(brandBody(brand)).expect(201)).body.id;
  const relationships = [];
  for (const { name, followers } of influencers) {
    const body = influencerBody({ ...(name && { name }) });
    const influencer = (
      await http
        .post('/v1/influencers')
        .set(s.auth)
        .send({ ...body, socialAccounts: [{ ...(body.socialAccounts as object[])[0], followers }] })
        .expect(201)
    ).body;
    const relationship = (await http.post('/v1/relationships').set(s.auth).send({ brandId, influencerId: influencer.id }).expect(201)).body;
    relationships.push({ id: relationship.id as string, influencerId: influencer.id as string, name: influencer.name as string });
  }
  return { brandId, relationships };
}
