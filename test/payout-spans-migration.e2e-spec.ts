import { DataSource } from 'typeorm';
import {
  PAYOUT_LINKS,
  payoutCalls,
  payoutInvariant,
  relationshipFixture,
  runMigrationStep,
  schemaOf,
  withReferenceDatabase,
  useTestApp,
} from './support';

const MIGRATION = 'PayoutSpans1795652000000';
/** Builds on PayoutSpans (drops the spans' anchor): down first, up after it. */
const UNANCHORED = 'PayoutSpansUnanchored1795657000000';

/**
 * PayoutSpans with data: down turns every span into one link per entry (the earlier schema exactly, compared with
 * pg_dump), up numbers the ledger again and makes the same links spans; the payouts keep their entries both ways.
 */
describe('payout spans migration (e2e)', () => {
  const ctx = useTestApp();
  const db = () => ctx.t.app.get(DataSource);
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => db().query(sql, params) as Promise<T[]>;
  const expanded = () => q(`SELECT payout_id, cost_entry_id, released FROM ${PAYOUT_LINKS} l ORDER BY 1, 2, 3`);

  it('converts links to spans and back with the data: the same entries in the same payouts, live or released', async () => {
    const { earn, run, payouts, act } = payoutCalls(ctx.t.http, ctx.owner);
    const a = await relationshipFixture(ctx.t.http, ctx.owner);
    const b = await relationshipFixture(ctx.t.http, ctx.owner);
    // a: a later-dated entry written between entries through the period end, so a's payouts are two spans each.
    for (const [amount, day] of [
      ['60.00', '2026-03-01'],
      ['70.00', '2026-03-03'],
      ['80.00', '2026-04-10'],
      ['10.00', '2026-03-05'],
    ])
      await earn(a.id, amount, day);
    await earn(b.id, '55.00', '2026-03-02');
    const first = await run('2026-03-31');
    for (const payout of await payouts({ runId: first.id, influencerId: a.influencerId }))
      await act(`payouts/${payout.id}`, 'cancel').expect(200);
    for (const payout of await payouts({ runId: first.id, influencerId: b.influencerId })) {
      await act(`payouts/${payout.id}`, 'approve').expect(200);
      await act(`payouts/${payout.id}`, 'mark-paid', { reference: 'B-1' }).expect(200);
    }
    const again = await run('2026-03-31');
    expect((await payouts({ runId: again.id })).map((p) => p.amount)).toEqual(['140.00']);
    const links = await expanded();
    expect(links).toHaveLength(3 + 3 + 1);
    expect(await q(`SELECT 1 FROM payout_entries`)).toHaveLength(2 + 2 + 1);

    await runMigrationStep(db(), UNANCHORED, 'down');
    expect(await expanded()).toEqual(links);
    await runMigrationStep(db(), MIGRATION, 'down');
    expect(await q(`SELECT payout_id, cost_entry_id, released FROM payout_entries ORDER BY 1, 2, 3`)).toEqual(links);
    expect(schemaOf(ctx.t.databaseUrl)).toEqual(
      await withReferenceDatabase(`acrm_test_spans_ref_${process.pid}`, [MIGRATION, UNANCHORED], async (_, url) => schemaOf(url)),
    );

    await runMigrationStep(db(), MIGRATION, 'up');
    await runMigrationStep(db(), UNANCHORED, 'up');
    expect(await expanded()).toEqual(links);
    // Numbered payout by payout: each payout's entries of a relationship are one span now.
    expect(await q(`SELECT 1 FROM payout_entries`)).toHaveLength(3);
    expect((await payoutInvariant(db())).broken).toEqual([]);
    // New entries are numbered after the old ones, and the next run pays what is left: the 80.00 of 10 April.
    await earn(b.id, '50.00', '2026-04-20');
    const next = await run('2026-04-30');
    expect((await payouts({ runId: next.id })).map((p) => p.amount).sort()).toEqual(['50.00', '80.00']);
    expect((await payoutInvariant(db())).broken).toEqual([]);
  });
});
