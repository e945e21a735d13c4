import { conversionBody, migrationNamed, relationshipFixture, useTestApp, withSql } from './support';
import { DataSource } from 'typeorm';
import { RollupsService } from '@app/rollups';

const COLUMNS = ['revenue', 'reversals', 'spend_product', 'spend_other', 'conversions', 'impressions', 'deliverables_due'];

/**
 * relationship_monthly_stats is relationship_daily_stats summed per month, kept by triggers: after any write
 * to the daily table, by the rollups engine or by hand, both must agree exactly.
 */
describe('monthly rollup kept by triggers (e2e)', () => {
  const ctx = useTestApp();
  const sql = (text: string, params: unknown[] = []) => withSql(ctx.t.databaseUrl, async (c) => (await c.query(text, params)).rows);
  const sums = `count(*)::int AS days, ${COLUMNS.map((c) => `sum(${c})::text AS ${c}`).join(', ')}`;
  const expectConsistent = async () => {
    const fromDays = await sql(
      `SELECT relationship_id, date_trunc('month', day)::date::text AS month, ${sums} FROM relationship_daily_stats GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const monthly = await sql(
      `SELECT relationship_id, month::text, days, ${COLUMNS.map((c) => `${c}::text`).join(', ')} FROM relationship_monthly_stats ORDER BY 1, 2`,
    );
    expect(monthly).toEqual(fromDays);
    return monthly;
  };

  it('follows inserts, upserts, updates, deletes, statements with several CTEs on the table, and TRUNCATE', async () => {
    const [a, b] = [await relationshipFixture(ctx.t.http, ctx.owner), await relationshipFixture(ctx.t.http, ctx.owner)];
    const ws = ctx.owner.workspaceId;
    await sql(
      `INSERT INTO relationship_daily_stats (workspace_id, relationship_id, day, revenue, conversions) VALUES
      ($1, $2, '2026-01-31', 10.5, 1), ($1, $2, '2026-02-01', 20, 2), ($1, $3, '2026-02-15', 5.0001, 1)`,
      [ws, a.id, b.id],
    );
    expect(await expectConsistent()).toHaveLength(3);

    await sql(
      `INSERT INTO relationship_daily_stats (workspace_id, relationship_id, day, revenue) VALUES ($1, $2, '2026-02-01', 7), ($1, $2, '2026-03-01', 1)
      ON CONFLICT (relationship_id, day) DO UPDATE SET revenue = EXCLUDED.revenue`,
      [ws, a.id],
    );
    await sql(`UPDATE relationship_daily_stats SET reversals = 3, spend_other = -2 WHERE relationship_id = $1`, [a.id]);
    await expectConsistent();

    // The shape of the rollups' recompute: one statement upserting some days and deleting others.
    await sql(
      `WITH up AS (INSERT INTO relationship_daily_stats (workspace_id, relationship_id, day, impressions) VALUES ($1, $2, '2026-02-20', 100)
         ON CONFLICT (relationship_id, day) DO UPDATE SET impressions = EXCLUDED.impressions RETURNING 1),
       gone AS (DELETE FROM relationship_daily_stats WHERE relationship_id = $3 AND day = '2026-01-31' RETURNING 1)
       SELECT (SELECT count(*) FROM up), (SELECT count(*) FROM gone)`,
      [ws, b.id, a.id],
    );
    const months = await expectConsistent();
    expect(months.filter((m) => m.relationship_id === a.id).map((m) => m.month)).toEqual(['2026-02-01', '2026-03-01']);

    await sql(`DELETE FROM relationship_daily_stats WHERE relationship_id = $1 AND day = '2026-03-01'`, [a.id]);
    await expectConsistent();
    // An update that moves a month's only day into a month with none: one month appears, the other goes.
    await sql(
      `UPDATE relationship_daily_stats SET day = '2026-05-05', revenue = revenue + 1 WHERE relationship_id = $1 AND day = '2026-02-01'`,
      [a.id],
    );
    expect((await expectConsistent()).filter((m) => m.relationship_id === a.id).map((m) => m.month)).toEqual(['2026-05-01']);
    await sql('TRUNCATE relationship_daily_stats');
    expect(await expectConsistent()).toEqual([]);
  });

  it("follows the rollups engine's recompute and reconcile", async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const post = (path: string, body: object) => ctx.t.http.post(path).set(ctx.owner.auth).send(body);
    const order = (
      await post(
        '/v1/conversions',
        conversionBody({ relationshipId: relationship.id, occurredAt: '2026-03-31T21:30:00Z', amount: '100.00', discount: '0.00' }),
      ).expect(201)
    ).body;
    await post('/v1/conversions', conversionBody({ relationshipId: relationship.id, occurredAt: '2026-04-02T10:00:00Z' })).expect(201);
    await post(`/v1/relationships/${relationship.id}/costs`, { kind: 'product', amount: '49.90', incurredOn: '2026-03-15' }).expect(201);
    await post(`/v1/conversions/${order.id}/reverse`, { amount: '25.00', reason: 'damaged' }).expect(200);
    const rollups = ctx.t.app.get(RollupsService);
    await rollups.sweep();
    const months = await expectConsistent();
    // 23:30 on March 31st in Paris; the refund counts on its own (today's) day.
    const mine = months.filter((m) => m.relationship_id === relationship.id);
    expect(mine.slice(0, 2).map((m) => [m.month, m.days, m.revenue, m.spend_product])).toEqual([
      ['2026-03-01', 2, '100.0000', '49.9000'],
      ['2026-04-01', 1, '90.0000', '0.0000'],
    ]);
    expect(mine.map((m) => Number(m.reversals)).reduce((x, y) => x + y)).toBe(25);

    // A row lost or altered behind the engine's back: the reconcile repairs it, the month follows.
    await sql(`DELETE FROM relationship_daily_stats WHERE relationship_id = $1 AND day = '2026-04-01'`, [relationship.id]);
    await sql(`UPDATE relationship_daily_stats SET spend_product = 1 WHERE relationship_id = $1`, [relationship.id]);
    await expectConsistent();
    expect((await rollups.reconcile()).differed).toBeGreaterThan(0);
    expect(await expectConsistent()).toEqual(months);
  });

  // The latest first: going down and up an earlier one leaves the function of that one in place.
  it.each(['MonthlyStatsNetWithoutJoin1795667000000', 'MonthlyStatsSkipEmptied1795650100000', 'MonthlyStatsNetUpdate1795632000000'])(
    'keeps the months with the trigger function of either side of %s (down, then up)',
    async (name) => {
      const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
      const migration = migrationNamed(name);
      const run = async (step: 'up' | 'down') => {
        const runner = ctx.t.app.get(DataSource).createQueryRunner();
        await runner.connect();
        await migration[step](runner).finally(() => runner.release());
      };
      const moveAndChange = (from: string, to: string) =>
        sql(`UPDATE relationship_daily_stats SET day = $3, revenue = revenue * 2 WHERE relationship_id = $1 AND day = $2`, [
          relationship.id,
          from,
          to,
        ]);
      await sql(
        `INSERT INTO relationship_daily_stats (workspace_id, relationship_id, day, revenue, conversions) VALUES ($1, $2, '2026-06-10', 4, 1), ($1, $2, '2026-06-11', 6, 1)`,
        [ctx.owner.workspaceId, relationship.id],
      );

      // An update that keeps every row's key, as the rollups' recompute makes (its own path in the later functions).
      const change = () =>
        sql(`UPDATE relationship_daily_stats SET conversions = conversions + 1 WHERE relationship_id = $1`, [relationship.id]);

      await run('down');
      await change();
      await moveAndChange('2026-06-10', '2026-07-01');
      await expectConsistent();
      await run('up');
      await change();
      await moveAndChange('2026-06-11', '2026-08-01');
      const months = (await expectConsistent()).filter((m) => m.relationship_id === relationship.id);
      expect(months.map((m) => [m.month, m.revenue])).toEqual([
        ['2026-07-01', '8.0000'],
        ['2026-08-01', '12.0000'],
      ]);
      // A month emptied by an update that moves its last day out, and by a delete.
      await moveAndChange('2026-08-01', '2026-07-02');
      expect((await expectConsistent()).filter((m) => m.relationship_id === relationship.id).map((m) => [m.month, m.days])).toEqual([
        ['2026-07-01', 2],
      ]);
      await sql(`DELETE FROM relationship_daily_stats WHERE relationship_id = $1`, [relationship.id]);
      expect((await expectConsistent()).filter((m) => m.relationship_id === relationship.id)).toEqual([]);
    },
  );
});
