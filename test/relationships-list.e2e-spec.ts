import { randomUUID } from 'node:crypto';
import { Clock, FixedClock } from '@app/common';
import { TIERS } from '@app/influencers';
import { brandWithRelationships, contractCalls, insertDailyStats, signup, useTestApp } from './support';

interface Row {
  id: string;
  influencer: { name: string };
  brand: { name: string };
  tier: string;
  status: string;
  termEnd: string | null;
  currentQuarter: { quarter: string; netRevenue: string; spend: string; roi: number | null };
}

describe('relationships list: columns and sorts (e2e)', () => {
  // 23:30 UTC on November 30th: already December 1st in Paris, so Q4 of a calendar fiscal year.
  const clock = new FixedClock(new Date('2026-11-30T23:30:00Z'));
  const ctx = useTestApp({}, (builder) => builder.overrideProvider(Clock).useValue(clock));

  /** Four relationships of one brand: two with a term, two with spend this quarter, one with spend only last quarter. */
  async function program() {
    const session = await signup(ctx.t.http);
    const { brandId, relationships } = await brandWithRelationships(ctx.t.http, session, { name: 'Northwind' }, [
      { name: 'Cleo Mercier', followers: 2_000 },
      { name: 'Ann Baker', followers: 1_500_000 },
      { name: 'Dan Okafor', followers: 30_000 },
      { name: 'Bea Lind', followers: 150_000 },
    ]);
    const [cleo, ann, dan, bea] = relationships.map((r) => r.id);
    const stats = (id: string, days: Parameters<typeof insertDailyStats>[3]) =>
      insertDailyStats(ctx.t.databaseUrl, session.workspaceId, id, days);
    await stats(cleo, { '2026-10-05': { revenue: '300', spend_retainer: '100' } });
    await stats(ann, { '2026-11-12': { revenue: '80', reversals: '30', spend_retainer: '60', spend_other: '40' } });
    await stats(dan, { '2026-09-30': { revenue: '999', spend_retainer: '1' } });
    const contracts = contractCalls(ctx.t.http, session);
    await contracts.draft(cleo, { startDate: '2026-01-01', endDate: '2026-12-31' });
    await contracts.draft(ann, { startDate: '2026-04-01', endDate: '2027-03-31' });
    const get = async (query: Record<string, string | number>) =>
      (await ctx.t.http.get('/v1/relationships').query(query).set(session.auth).expect(200)).body as {
        data: Row[];
        nextCursor: string | null;
      };
    /** Every page of a sort, `limit` rows at a time. */
    const walk = async (sort: string, limit: number) => {
      const rows: Row[] = [];
      let cursor: string | null = null;
      do {
        const page = await get({ sort, limit, ...(cursor && { cursor }) });
        rows.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor);
      return rows;
    };
    return { session, brandId, ids: { cleo, ann, dan, bea }, get, walk };
  }

  it("shows each relationship's tier, current term end and the brand's quarter figures", async () => {
    const { ids, get } = await program();
    const rows = new Map((await get({})).data.map((r) => [r.id, r]));
    expect(rows.get(ids.cleo)).toMatchObject({
      influencer: { name: 'Cleo Mercier' },
      brand: { name: 'Northwind' },
      tier: 'nano',
      status: 'prospect',
      termEnd: '2026-12-31',
      currentQuarter: { quarter: '2026-Q4', netRevenue: '300.00', spend: '100.00', roi: 2 },
    });
    expect(rows.get(ids.ann)).toMatchObject({
      tier: 'mega',
      termEnd: '2027-03-31',
      currentQuarter: { netRevenue: '50.00', spend: '100.00', roi: -0.5 },
    });
    // Spend last quarter only: nothing this quarter, no ROI.
    expect(rows.get(ids.dan)).toMatchObject({ termEnd: null, currentQuarter: { netRevenue: '0.00', spend: '0.00', roi: null } });
  });

  it("names the quarter in the brand's fiscal year", async () => {
    const session = await signup(ctx.t.http);
    await brandWithRelationships(ctx.t.http, session, { fiscalYearStartMonth: 4 }, [{ followers: 10_000 }]);
    const { body } = await ctx.t.http.get('/v1/relationships').set(session.auth).expect(200);
    expect(body.data[0].currentQuarter.quarter).toBe('2026-Q3');
  });

  it('sorts on ROI and term end with missing values last both ways, and pages through the same order', async () => {
    const { ids, walk } = await program();
    const byId = (a: string, b: string) => a.localeCompare(b);
    const noRoi = [ids.dan, ids.bea].sort(byId);
    expect((await walk('quarterRoi', 50)).map((r) => r.id)).toEqual([ids.ann, ids.cleo, ...noRoi]);
    expect((await walk('-quarterRoi', 50)).map((r) => r.id)).toEqual([ids.cleo, ids.ann, ...noRoi.reverse()]);
    const noTerm = [ids.dan, ids.bea].sort(byId);
    expect((await walk('termEnd', 1)).map((r) => r.id)).toEqual([ids.cleo, ids.ann, ...noTerm]);
    expect((await walk('-termEnd', 1)).map((r) => r.id)).toEqual([ids.ann, ids.cleo, ...noTerm.reverse()]);
    expect((await walk('quarterRoi', 1)).map((r) => r.id)).toEqual([ids.ann, ids.cleo, ...[ids.dan, ids.bea].sort(byId)]);
  });

  it('sorts on name, brand, tier and status by their order, one row a page or all at once', async () => {
    const { walk } = await program();
    const names = (rows: Row[]) => rows.map((r) => r.influencer.name);
    expect(names(await walk('name', 1))).toEqual(['Ann Baker', 'Bea Lind', 'Cleo Mercier', 'Dan Okafor']);
    expect(names(await walk('-name', 3))).toEqual(['Dan Okafor', 'Cleo Mercier', 'Bea Lind', 'Ann Baker']);
    const tiers = (await walk('tier', 1)).map((r) => TIERS.indexOf(r.tier as (typeof TIERS)[number]));
    expect(tiers).toEqual([...tiers].sort((a, b) => a - b));
    expect(tiers[0]).toBe(0);
    expect((await walk('-tier', 2)).map((r) => r.tier)[0]).toBe('mega');
    for (const sort of ['brand', '-status', 'createdAt', '-createdAt']) expect(await walk(sort, 1)).toHaveLength(4);
  });

  it('refuses an unknown sort, and a cursor of another sort or tampered with, naming the field', async () => {
    const { get, session } = await program();
    const list = (query: Record<string, string | number>) => ctx.t.http.get('/v1/relationships').query(query).set(session.auth);
    await list({ sort: 'followers' }).expect(400, /sort/);
    const { nextCursor } = await get({ sort: 'name', limit: 1 });
    await list({ sort: '-name', cursor: nextCursor! }).expect(400, /cursor/);
    const tampered = Buffer.from(JSON.stringify(['termEnd', '2026-02-30', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    await list({ sort: 'termEnd', cursor: tampered }).expect(400, /cursor/);
    const roi = Buffer.from(JSON.stringify(['quarterRoi', '1e999', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
    await list({ sort: 'quarterRoi', cursor: roi }).expect(400, /cursor/);
  });

  it('still filters and searches under a sort', async () => {
    const { get, brandId } = await program();
    expect((await get({ sort: '-quarterRoi', q: 'baker' })).data.map((r) => r.influencer.name)).toEqual(['Ann Baker']);
    expect((await get({ sort: 'termEnd', brandId, status: 'prospect' })).data).toHaveLength(4);
  });

  it("answers the ROI trends of several relationships in their brand's quarters, up to the current one", async () => {
    const { session, ids } = await program();
    const other = await signup(ctx.t.http);
    const { relationships: theirs } = await brandWithRelationships(ctx.t.http, other, {}, [{ followers: 10_000 }]);
    const trends = (query: string) => ctx.t.http.get(`/v1/relationships/roi-trends?${query}`).set(session.auth);
    const { body } = await trends(`relationshipId=${ids.cleo},${ids.dan}&relationshipId=${theirs[0].id}&quarters=2`).expect(200);
    const byId = new Map(body.data.map((t: { relationshipId: string; points: unknown[] }) => [t.relationshipId, t.points]));
    expect(byId.size).toBe(2);
    expect(byId.get(ids.cleo)).toEqual([
      { quarter: '2026-Q3', roi: null },
      { quarter: '2026-Q4', roi: 2 },
    ]);
    expect(byId.get(ids.dan)).toEqual([
      { quarter: '2026-Q3', roi: 998 },
      { quarter: '2026-Q4', roi: null },
    ]);
    expect((await trends(`relationshipId=${ids.bea}`).expect(200)).body.data[0].points).toHaveLength(4);
    expect((await trends('relationshipId=nope')).body).toMatchObject({ errors: [expect.objectContaining({ field: 'relationshipId' })] });
    expect((await trends(`relationshipId=${ids.bea}&quarters=40`)).status).toBe(400);
  });

  it('takes the relationship parameter repeated as often as the route allows (the console repeats it per renewal)', async () => {
    const { session, ids } = await program();
    const repeated = (count: number) =>
      [ids.bea, ...Array.from({ length: count - 1 }, () => randomUUID())].map((id) => `relationshipId=${id}`).join('&');
    const trends = (count: number) => ctx.t.http.get(`/v1/relationships/roi-trends?${repeated(count)}`).set(session.auth);
    for (const count of [21, 200]) {
      const { body } = await trends(count).expect(200);
      expect(body.data.map((t: { relationshipId: string }) => t.relationshipId)).toEqual([ids.bea]);
    }
    const { body } = await trends(201).expect(400);
    expect(body.errors).toEqual([expect.objectContaining({ field: 'relationshipId', message: expect.stringMatching(/no more than 200/) })]);
  });
});
