import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { pgPool } from '@app/database';
import { JobName } from '@app/queue';
import { RollupsService, SWEEP_LANES } from '@app/rollups';
import { conversionBody, relationshipFixture, useTestWorker } from './support';

/** Every idle connection of the worker's pool at once, then `each` on each of them; `close`: then closes them. */
async function onIdleConnections<T>(worker: DataSource, each: (client: PoolClient) => Promise<T>, close = false): Promise<T[]> {
  const pool = pgPool(worker);
  const clients = await Promise.all(Array.from({ length: pool.idleCount }, () => pool.connect()));
  try {
    return await Promise.all(clients.map(each));
  } finally {
    clients.forEach((client) => client.release(close));
  }
}

const preparedRecomputes = async (worker: DataSource) =>
  (
    await onIdleConnections(
      worker,
      async (client) => (await client.query(`SELECT 1 FROM pg_prepared_statements WHERE name = 'rollups_recompute_marked'`)).rowCount,
    )
  ).reduce<number>((sum, n) => sum + (n ?? 0), 0);

/**
 * The worker warms the sweep's connections at start and after the reconcile (RollupsService.warmUp): the
 * recompute prepared on SWEEP_LANES pooled connections, nothing claimed or written, and never a start held up
 * by a lock on the ledgers.
 */
describe('rollups: the warm-up of the sweep (e2e)', () => {
  const ctx = useTestWorker('2026-03-10T12:00:00Z');
  const worker = () => ctx.worker.get(DataSource);

  it('leaves the recompute prepared on as many pooled connections as the sweep has lanes, from the worker start on', async () => {
    expect(await preparedRecomputes(worker())).toBeGreaterThanOrEqual(SWEEP_LANES);
  });

  it('prepares them again after the reconcile, and claims and writes nothing', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    await ctx.t.http
      .post('/v1/conversions')
      .set(ctx.owner.auth)
      .send(conversionBody({ relationshipId: relationship.id, occurredAt: '2026-03-09T12:00:00Z' }))
      .expect(201);
    // As the pool does with connections idle longer than its timeout, which the nightly reconcile outlasts.
    await onIdleConnections(worker(), async () => undefined, true);
    expect(await preparedRecomputes(worker())).toBe(0);

    await ctx.run(JobName.RollupsReconcile);

    expect(await preparedRecomputes(worker())).toBeGreaterThanOrEqual(SWEEP_LANES);
    const counts = `SELECT (SELECT count(*) FROM rollup_dirty_days)::int AS marks, (SELECT count(*) FROM relationship_daily_stats)::int AS days`;
    expect(await ctx.db().query(counts)).toEqual([{ marks: 1, days: 0 }]);
    expect(await ctx.worker.get(RollupsService).sweep()).toEqual({ relationships: 1, days: 1, written: 1, deleted: 0 });
    expect(await ctx.db().query(counts)).toEqual([{ marks: 0, days: 1 }]);
  });

  it('gives up on a ledger locked by someone else instead of waiting', async () => {
    const holder = await ctx.db().createQueryRunner();
    await holder.startTransaction();
    try {
      await holder.query('LOCK TABLE conversions IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      await ctx.worker.get(RollupsService).warmUp();
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
  }, 30_000);
});
