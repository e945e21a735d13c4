import { JobName, JobQueue, QueueName } from '@app/queue';
import { contractCalls, relationshipFixture, Session } from './factories';
import { useTestWorker, WorkerTestContext } from './test-worker';

export interface AccrualTestContext extends WorkerTestContext {
  /** One costs.accrue run, as the worker runs it. */
  accrue: () => Promise<unknown>;
  /** A new brand (Paris unless `brand` says otherwise), influencer and relationship, and an activated term of it. */
  activeTerm: (
    overrides: Record<string, unknown>,
    brand?: Record<string, unknown>,
    s?: Session,
  ) => Promise<{ id: string; relationshipId: string }>;
  q: <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;
}

/**
 * useTestWorker for the cost accrual specs. The rollups queue is paused: nothing claims (deletes) the dirty
 * marks behind the assertions' back, and the rollups the accrual asks for wait in the queue to be counted.
 */
export function useAccrualWorker(start: string): AccrualTestContext {
  const ctx = useTestWorker(start) as AccrualTestContext;
  beforeAll(() => ctx.worker.get(JobQueue).queue(QueueName.Rollups).pause());
  ctx.accrue = () => ctx.run(JobName.CostsAccrue);
  ctx.q = (sql, params = []) => ctx.db().query(sql, params);
  ctx.activeTerm = async (overrides, brand = {}, s = ctx.owner) => {
    const api = contractCalls(ctx.t.http, s);
    const relationship = await relationshipFixture(ctx.t.http, s, { timezone: 'Europe/Paris', ...brand });
    const contract = await api.draft(relationship.id, { deliverablePlan: [], ...overrides });
    await api.act(contract.id, 'activate').expect(200);
    return { id: contract.id, relationshipId: relationship.id };
  };
  return ctx;
}

/** Every cost entry's (relationship, day) that has no rollup mark; and the relationships with no rollup job queued. */
export async function unmarkedCosts(ctx: AccrualTestContext): Promise<{ entries: unknown[]; relationships: string[] }> {
  const entries = await ctx.q(
    `SELECT e.id FROM cost_entries e WHERE NOT EXISTS (SELECT 1 FROM rollup_dirty_days m WHERE m.relationship_id = e.relationship_id AND m.day = e.incurred_on)`,
  );
  const relationships = await ctx.q<{ id: string }>(`SELECT DISTINCT relationship_id AS id FROM cost_entries`);
  const jobs = await ctx.worker.get(JobQueue).queue(QueueName.Rollups).getJobs(['delayed', 'wait']);
  const asked = new Set(
    jobs.filter((j) => j.name === JobName.RollupsRelationship).map((j) => (j.data as { relationshipId: string }).relationshipId),
  );
  return { entries, relationships: relationships.map((r) => r.id).filter((id) => !asked.has(id)) };
}
