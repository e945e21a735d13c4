import { DataSource } from 'typeorm';
import { RollupsService } from '@app/rollups';
import { contractFixture, statRows, useTestApp } from './support';

const posts = { type: 'post', platform: 'instagram', quantity: 2, per: 'term' } as const;

/**
 * The sweep finds a publication through the UTC date of its instant (ix_deliverables_published_day_relationship):
 * a brand-local day's first and last instants lie on the UTC dates before and after it in Tokyo and in Los
 * Angeles. Each lands on its local day, as the full recompute puts it. The API alone runs here, so the marks
 * wait for the sweep.
 */
describe('rollups: deliverables found by day in the sweep (e2e)', () => {
  const ctx = useTestApp();

  it('counts publications at the first and the last instant of a local day that lie on other UTC dates', async () => {
    const term = { startDate: '2026-03-01', endDate: '2026-03-31', plan: [posts] };
    const tokyo = await contractFixture(ctx.t, ctx.owner, { ...term, timezone: 'Asia/Tokyo', currency: 'JPY' });
    const la = await contractFixture(ctx.t, ctx.owner, { ...term, timezone: 'America/Los_Angeles', currency: 'USD' });
    const post = (path: string, body: object = {}) => ctx.t.http.post(path).set(ctx.owner.auth).send(body).expect(200);
    const publishFirst = async (contractId: string, publishedAt: string) => {
      const [first] = (await ctx.t.http.get(`/v1/deliverables?contractId=${contractId}`).set(ctx.owner.auth).expect(200)).body.data;
      await post(`/v1/deliverables/${first.id}/submit`, { contentUrl: `https://drive.example.com/${first.id}` });
      await post(`/v1/deliverables/${first.id}/approve`);
      await post(`/v1/deliverables/${first.id}/publish`, { postUrl: `https://www.instagram.com/p/${first.id}/`, publishedAt });
    };
    // 00:00 on the 18th in Tokyo is the 17th in UTC; 23:59:59 on the 18th in Los Angeles is the 19th in UTC.
    await publishFirst(tokyo.contractId, '2026-03-17T15:00:00Z');
    await publishFirst(la.contractId, '2026-03-19T06:59:59Z');
    const rollups = ctx.t.app.get(RollupsService);
    await rollups.sweep();

    const day18 = async (relationshipId: string) =>
      (await statRows(ctx.t.app.get(DataSource), relationshipId)).filter((r) => r.day >= '2026-03-17' && r.day <= '2026-03-19');
    expect(await day18(tokyo.relationshipId)).toEqual([
      { day: '2026-03-18', deliverables_published: '1', spend_deliverable_fee: '150.0000' },
    ]);
    expect(await day18(la.relationshipId)).toEqual([{ day: '2026-03-18', deliverables_published: '1', spend_deliverable_fee: '150.0000' }]);
    expect((await rollups.reconcile()).differed).toBe(0);
  });
});
