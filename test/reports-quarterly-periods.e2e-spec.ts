import { Clock, FixedClock } from '@app/common';
import { brandWithRelationships, insertDailyStats, useTestApp, withSql } from './support';

describe('quarterly report periods and renewals (e2e)', () => {
  const clock = new FixedClock(new Date('2026-07-15T10:00:00Z'));
  const ctx = useTestApp({}, (builder) => builder.overrideProvider(Clock).useValue(clock));
  const report = (brandId: string, quarter: string) =>
    ctx.t.http.get(`/v1/reports/quarterly?brandId=${brandId}&quarter=${quarter}`).set(ctx.owner.auth);
  const stats = (relationshipId: string, days: Parameters<typeof insertDailyStats>[3]) =>
    insertDailyStats(ctx.t.databaseUrl, ctx.owner.workspaceId, relationshipId, days);
  beforeEach(() => clock.set('2026-07-15T10:00:00Z'));

  it("lists the next quarter's renewals with each relationship's ROI over four quarters", async () => {
    const { brandId, relationships } = await brandWithRelationships(ctx.t.http, ctx.owner, {}, [
      { name: 'Ana', followers: 25_000 },
      { name: 'Bo', followers: 900 },
      { name: 'Cy', followers: 900 },
      { name: 'Di', followers: 900 },
    ]);
    const [ana, bo, cy, di] = relationships.map((r) => r.id);
    const contract = (relationshipId: string, status: string, endDate: string, autoRenew: boolean, cancelled = false) =>
      withSql(ctx.t.databaseUrl, (c) =>
        c.query(
          `INSERT INTO contracts (workspace_id, relationship_id, status, start_date, end_date, currency, auto_renew, notice_period_days, auto_renew_cancelled_at)
           VALUES ($1, $2, $3, '2026-03-01', $4, 'EUR', $5, 30, $6) RETURNING id`,
          [ctx.owner.workspaceId, relationshipId, status, endDate, autoRenew, cancelled ? new Date() : null],
        ),
      ).then((r) => r.rows[0].id as string);
    const anaContract = await contract(ana, 'active', '2026-08-31', true);
    await contract(bo, 'active', '2026-10-01', false);
    await contract(cy, 'ended', '2026-08-15', false);
    const diContract = await contract(di, 'active', '2026-09-30', true, true);
    await stats(ana, { '2026-02-01': { revenue: '100', spend_retainer: '100' }, '2026-05-01': { revenue: '300', spend_retainer: '100' } });

    const { body } = await report(brandId, '2026-Q2').expect(200);
    expect(body.renewalsDueNextQuarter).toEqual([
      {
        relationshipId: ana,
        contractId: anaContract,
        influencer: { id: relationships[0].influencerId, name: 'Ana', tier: 'micro' },
        endDate: '2026-08-31',
        autoRenew: true,
        noticeDeadline: '2026-08-01',
        roiTrend: [
          { quarter: '2025-Q3', roi: null },
          { quarter: '2025-Q4', roi: null },
          { quarter: '2026-Q1', roi: 0 },
          { quarter: '2026-Q2', roi: 2 },
        ],
      },
      expect.objectContaining({
        relationshipId: di,
        contractId: diContract,
        endDate: '2026-09-30',
        autoRenew: false,
        noticeDeadline: null,
      }),
    ]);
  });

  it("follows the brand's fiscal year: with April as its start, 2026-Q4 is January to March 2027", async () => {
    clock.set('2027-04-10T12:00:00Z');
    const { brandId, relationships } = await brandWithRelationships(ctx.t.http, ctx.owner, { fiscalYearStartMonth: 4 }, [
      { followers: 50_000 },
    ]);
    await stats(relationships[0].id, {
      '2026-12-31': { revenue: '1' },
      '2027-01-01': { revenue: '10' },
      '2027-03-31': { revenue: '100' },
      '2027-04-01': { revenue: '1000' },
    });
    const { body } = await report(brandId, '2026-Q4').expect(200);
    expect(body).toMatchObject({
      quarter: '2026-Q4',
      period: { from: '2027-01-01', to: '2027-03-31' },
      closed: true,
      brand: { fiscalYearStartMonth: 4 },
      totals: { revenue: '110.00' },
    });
    expect(body.months.map((m: { month: string }) => m.month)).toEqual(['2027-01', '2027-02', '2027-03']);
    expect((await report(brandId, '2027-Q1').expect(200)).body).toMatchObject({
      period: { from: '2027-04-01', to: '2027-06-30' },
      closed: false,
      totals: { revenue: '1000.00' },
    });
  });

  it("opens and closes quarters at midnight in the brand's time zone", async () => {
    // 23:30 UTC on June 30th: already July 1st in Paris, still June 30th in Los Angeles.
    clock.set('2026-06-30T23:30:00Z');
    const paris = (await brandWithRelationships(ctx.t.http, ctx.owner, { timezone: 'Europe/Paris' }, [])).brandId;
    const la = (await brandWithRelationships(ctx.t.http, ctx.owner, { timezone: 'America/Los_Angeles', currency: 'USD' }, [])).brandId;
    expect((await report(paris, '2026-Q3').expect(200)).body).toMatchObject({ closed: false, period: { from: '2026-07-01' } });
    expect((await report(paris, '2026-Q2').expect(200)).body.closed).toBe(true);
    const refused = await report(la, '2026-Q3').expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'quarter', message: expect.stringMatching(/has not started yet.*America\/Los_Angeles.*2026-07-01/) },
    ]);
    expect((await report(la, '2026-Q2').expect(200)).body).toMatchObject({ closed: false, brand: { currency: 'USD' } });
  });
});
