import { Clock, FixedClock } from '@app/common';
import { brandWithRelationships, insertDailyStats, signup, useTestApp } from './support';

describe('relationship performance (e2e)', () => {
  // 23:30 UTC on July 14th: already July 15th in Paris.
  const clock = new FixedClock(new Date('2026-07-14T23:30:00Z'));
  const ctx = useTestApp({}, (builder) => builder.overrideProvider(Clock).useValue(clock));
  const performance = (id: string, query = '', auth = ctx.owner.auth) =>
    ctx.t.http.get(`/v1/relationships/${id}/performance${query && `?${query}`}`).set(auth);
  const relationship = async (brand: Record<string, unknown> = {}) => {
    const { relationships } = await brandWithRelationships(ctx.t.http, ctx.owner, brand, [{ followers: 30_000 }]);
    return relationships[0].id;
  };
  const stats = (id: string, days: Parameters<typeof insertDailyStats>[3]) =>
    insertDailyStats(ctx.t.databaseUrl, ctx.owner.workspaceId, id, days);

  it("defaults to twelve month buckets up to today in the brand's time zone, zero-filled, with the totals of the range", async () => {
    const id = await relationship();
    await stats(id, {
      '2025-07-31': { revenue: '999' },
      '2025-08-01': { conversions: 1, revenue: '100', spend_retainer: '50' },
      '2026-07-15': { revenue: '20' },
      '2026-07-16': { revenue: '999' },
    });
    const { body, text } = await performance(id).expect(200);
    expect(text).not.toMatch(/Infinity|NaN/);
    expect(body).toMatchObject({ relationshipId: id, currency: 'EUR', granularity: 'month', from: '2025-08-01', to: '2026-07-15' });
    expect(body.series.map((p: { period: string }) => p.period)).toEqual([
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
    ]);
    expect(body.series[0]).toMatchObject({
      from: '2025-08-01',
      to: '2025-08-31',
      conversions: 1,
      netRevenue: '100.00',
      spend: '50.00',
      roi: 1,
      cpa: '50.00',
    });
    expect(body.series[1]).toMatchObject({
      conversions: 0,
      netRevenue: '0.00',
      spend: '0.00',
      roi: null,
      roas: null,
      cpa: null,
      cpm: null,
      engagementRate: null,
    });
    expect(body.series[11]).toMatchObject({ period: '2026-07', from: '2026-07-01', to: '2026-07-15', netRevenue: '20.00' });
    expect(body.totals).toMatchObject({ conversions: 1, revenue: '120.00', spend: '50.00', roi: 1.4, roas: 2.4 });
  });

  it('buckets by day and by fiscal quarter, the edge buckets clipped to the range', async () => {
    const id = await relationship({ fiscalYearStartMonth: 4, currency: 'JPY' });
    await stats(id, {
      '2026-03-31': { revenue: '1000' },
      '2026-04-02': { revenue: '300', spend_product: '100' },
      '2026-07-10': { revenue: '5' },
      '2026-07-11': { revenue: '7' },
    });

    const days = (await performance(id, 'granularity=day&from=2026-03-30&to=2026-04-02').expect(200)).body;
    expect(
      days.series.map((p: { period: string; from: string; to: string; revenue: string }) => [p.period, p.from, p.to, p.revenue]),
    ).toEqual([
      ['2026-03-30', '2026-03-30', '2026-03-30', '0'],
      ['2026-03-31', '2026-03-31', '2026-03-31', '1000'],
      ['2026-04-01', '2026-04-01', '2026-04-01', '0'],
      ['2026-04-02', '2026-04-02', '2026-04-02', '300'],
    ]);
    expect(days.totals).toMatchObject({ revenue: '1300', spend: '100', roi: 12 });

    const quarters = (await performance(id, 'granularity=quarter&from=2026-03-15&to=2026-07-10').expect(200)).body;
    expect(
      quarters.series.map((p: { period: string; from: string; to: string; revenue: string }) => [p.period, p.from, p.to, p.revenue]),
    ).toEqual([
      ['2025-Q4', '2026-03-15', '2026-03-31', '1000'],
      ['2026-Q1', '2026-04-01', '2026-06-30', '300'],
      ['2026-Q2', '2026-07-01', '2026-07-10', '5'],
    ]);
    expect(quarters.totals.revenue).toBe('1305');
  });

  it('fills the figures of GET /v1/relationships/:id with all-time totals', async () => {
    const id = await relationship();
    expect((await ctx.t.http.get(`/v1/relationships/${id}`).set(ctx.owner.auth).expect(200)).body.figures).toMatchObject({
      revenue: '0.00',
      spend: '0.00',
      roi: null,
    });
    await stats(id, { '2019-01-01': { revenue: '10', spend_other: '5' }, '2026-07-01': { revenue: '20', impressions: 3_000 } });
    expect((await ctx.t.http.get(`/v1/relationships/${id}`).set(ctx.owner.auth).expect(200)).body.figures).toMatchObject({
      revenue: '30.00',
      spend: '5.00',
      roi: 5,
      cpm: '1.67',
    });
  });

  it('bounds the range and answers 400 naming the field', async () => {
    const id = await relationship();
    const field = async (query: string) => (await performance(id, query).expect(400)).body.errors.map((e: { field: string }) => e.field);
    await performance(id, 'granularity=day&from=2025-07-15&to=2026-07-15').expect(200);
    expect(await field('granularity=day&from=2025-07-14&to=2026-07-15')).toEqual(['from']);
    await performance(id, 'granularity=month&from=2016-08-01&to=2026-07-15').expect(200);
    expect(await field('granularity=quarter&from=2016-07-31&to=2026-07-15')).toEqual(['from']);
    expect(await field('from=2026-07-16')).toEqual(['to']);
    expect(await field('from=2026-05-01&to=2026-04-30')).toEqual(['to']);
    expect(await field('from=2026-02-30')).toEqual(['from']);
    expect(await field('granularity=week')).toEqual(['granularity']);
    expect(await field('bucket=day')).toEqual(['bucket']);
  });

  it("answers 404 for another workspace's relationship", async () => {
    const id = await relationship();
    const intruder = await signup(ctx.t.http);
    await performance(id, '', intruder.auth).expect(404);
    await performance('6f1c1a52-0000-4000-8000-000000000000').expect(404);
    await performance('nope').expect(400);
  });
});
