import { DataSource } from 'typeorm';
import { RollupsService } from '@app/rollups';
import { conversionBody, relationshipFixture, useTestApp } from './support';

/**
 * rollups.sweep reads its batches in relationship id order and recomputes several at once: every marked
 * relationship exactly once, nothing left marked, and the rows a full recompute would write. The API alone
 * runs here, so the conversions' marks wait for the sweep.
 */
describe('rollups: the sweep, several batches at once (e2e)', () => {
  const ctx = useTestApp();

  it('recomputes each marked relationship once across lanes and leaves the rows the reconcile agrees with', async () => {
    const relationships = await Promise.all(Array.from({ length: 7 }, () => relationshipFixture(ctx.t.http, ctx.owner)));
    for (const [i, relationship] of relationships.entries()) {
      await ctx.t.http
        .post('/v1/conversions')
        .set(ctx.owner.auth)
        .send(conversionBody({ relationshipId: relationship.id, occurredAt: `2026-03-0${1 + (i % 3)}T12:00:00Z` }))
        .expect(201);
    }
    const db = ctx.t.app.get(DataSource);
    const rollups = ctx.t.app.get(RollupsService);

    // Batches of 2 on 3 lanes: 4 batches, 3 of them recomputing at once.
    const swept = await rollups.sweep(2, 3);

    expect(swept).toEqual({ relationships: 7, days: 7, written: 7, deleted: 0 });
    expect(await db.query(`SELECT count(*)::int AS marks FROM rollup_dirty_days`)).toEqual([{ marks: 0 }]);
    expect((await rollups.reconcile()).differed).toBe(0);
    expect(await rollups.sweep(2, 3)).toEqual({ relationships: 0, days: 0, written: 0, deleted: 0 });
  });
});
