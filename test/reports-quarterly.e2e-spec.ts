import { parse } from 'csv-parse/sync';
import { Clock, FixedClock } from '@app/common';
import { brandWithRelationships, insertDailyStats, useTestApp } from './support';

describe('quarterly report (e2e)', () => {
  const clock = new FixedClock(new Date('2026-07-15T10:00:00Z'));
  const ctx = useTestApp({}, (builder) => builder.overrideProvider(Clock).useValue(clock));
  const report = (brandId: string, quarter: string) =>
    ctx.t.http.get(`/v1/reports/quarterly?brandId=${brandId}&quarter=${quarter}`).set(ctx.owner.auth);
  const stats = (relationshipId: string, days: Parameters<typeof insertDailyStats>[3]) =>
    insertDailyStats(ctx.t.databaseUrl, ctx.owner.workspaceId, relationshipId, days);

  it('ranks relationships by ROI, compares tiers side by side and answers null, never 0 or Infinity, for undefined ratios', async () => {
    const { brandId, relationships } = await brandWithRelationships(ctx.t.http, ctx.owner, {}, [
      { name: 'Ana', followers: 25_000 },
      { name: 'Bo', followers: 2_000_000 },
      { name: 'Cy', followers: 5_000 },
      { name: 'Di', followers: 3_000 },
      { name: 'Ed', followers: 40_000 },
    ]);
    const [ana, bo, cy, di, ed] = relationships.map((r) => r.id);
    await stats(ana, {
      '2026-04-10': {
        conversions: 3,
        revenue: '900',
        spend_retainer: '300',
        impressions: 10_000,
        engagements: 500,
        engagement_followers: 25_000,
        emv: '12.345',
        deliverables_due: 2,
        deliverables_on_time: 1,
        deliverables_late: 1,
      },
      '2026-05-20': { reversals: '90' },
    });
    await stats(bo, {
      '2026-06-30': {
        conversions: 5,
        revenue: '1500',
        spend_retainer: '1000',
        deliverables_due: 3,
        deliverables_on_time: 1,
        deliverables_missed: 1,
      },
    });
    // More outcomes than due deliverables (a republished post): open stays 0, never negative.
    await stats(cy, {
      '2026-04-01': { conversions: 2, revenue: '500', deliverables_due: 1, deliverables_on_time: 1, deliverables_late: 1 },
    });
    await stats(di, { '2026-06-15': { revenue: '100' } });
    await stats(ed, { '2026-03-31': { revenue: '999', spend_other: '1' }, '2026-07-01': { revenue: '999' } });

    const { body, text } = await report(brandId, '2026-Q2').expect(200);
    expect(text).not.toMatch(/Infinity|NaN/);
    expect(body).toMatchObject({
      quarter: '2026-Q2',
      period: { from: '2026-04-01', to: '2026-06-30' },
      closed: true,
      snapshotCreatedAt: null,
      generatedAt: '2026-07-15T10:00:00.000Z',
    });
    expect(
      body.relationships.map((r: { rank: number; influencer: { name: string; tier: string }; figures: { roi: number | null } }) => [
        r.rank,
        r.influencer.name,
        r.influencer.tier,
        r.figures.roi,
      ]),
    ).toEqual([
      [1, 'Ana', 'micro', 1.7],
      [2, 'Bo', 'mega', 0.5],
      [3, 'Cy', 'nano', null],
      [4, 'Di', 'nano', null],
    ]);
    expect(body.relationships[0]).toMatchObject({
      relationshipId: ana,
      influencer: { name: 'Ana', tier: 'micro', followers: 25_000 },
      figures: {
        conversions: 3,
        revenue: '900.00',
        reversals: '90.00',
        netRevenue: '810.00',
        spend: '300.00',
        roas: 2.7,
        cpa: '100.00',
        cpe: '0.60',
        cpm: '30.00',
        engagementRate: 0.02,
        emv: '12.34',
      },
      deliverables: { due: 2, onTime: 1, late: 1, missed: 0, open: 0 },
    });
    expect(body.relationships[1].deliverables).toEqual({ due: 3, onTime: 1, late: 0, missed: 1, open: 1 });
    expect(body.relationships[2]).toMatchObject({
      figures: { spend: '0.00', roi: null, roas: null, cpa: '0.00', cpe: null, cpm: null, engagementRate: null },
      deliverables: { due: 1, open: 0 },
    });
    expect(body.totals).toMatchObject({
      relationships: 4,
      conversions: 10,
      revenue: '3000.00',
      netRevenue: '2910.00',
      spend: '1300.00',
      roi: 1.2385,
      roas: 2.2385,
      cpa: '130.00',
      deliverables: { due: 6, onTime: 3, late: 2, missed: 1, open: 0 },
    });
    expect(body.totals.spendByKind).toEqual({
      retainer: '1300.00',
      deliverableFee: '0.00',
      commission: '0.00',
      product: '0.00',
      other: '0.00',
    });
    expect(body.months).toEqual([
      { month: '2026-04', netRevenue: '1400.00', spend: '300.00', partial: false },
      { month: '2026-05', netRevenue: '-90.00', spend: '0.00', partial: false },
      { month: '2026-06', netRevenue: '1600.00', spend: '1000.00', partial: false },
    ]);
    const tiers = Object.fromEntries(
      body.tiers.map((t: { tier: string; relationships: number; figures: { netRevenue: string; roi: number | null } }) => [
        t.tier,
        [t.relationships, t.figures.netRevenue, t.figures.roi],
      ]),
    );
    expect(body.tiers.map((t: { tier: string }) => t.tier)).toEqual(['nano', 'micro', 'mid', 'macro', 'mega']);
    expect(tiers).toEqual({
      nano: [2, '600.00', null],
      micro: [1, '810.00', 1.7],
      mid: [0, '0.00', null],
      macro: [0, '0.00', null],
      mega: [1, '1500.00', 0.5],
    });
    expect(body.tiers[2].figures).toMatchObject({ roi: null, roas: null, cpa: null, cpe: null, cpm: null, engagementRate: null });
  });

  it('gives the per-relationship table as CSV with Accept: text/csv, formulas neutralised, undefined ratios empty', async () => {
    const { brandId, relationships } = await brandWithRelationships(ctx.t.http, ctx.owner, { currency: 'JPY' }, [
      { name: '=HYPERLINK("http://evil.example","x")', followers: 12_000 },
      { name: '@SUM(A1)', followers: 600_000 },
    ]);
    await stats(relationships[0].id, { '2026-05-01': { conversions: 2, revenue: '30000', spend_product: '10000' } });
    await stats(relationships[1].id, { '2026-05-02': { revenue: '100', reversals: '150' } });
    const response = await report(brandId, '2026-Q2').set('Accept', 'text/csv').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="quarterly-report-2026-Q2.csv"');
    const [header, ...rows] = parse(response.text) as string[][];
    expect(header.slice(0, 12)).toEqual([
      'rank',
      'relationship_id',
      'influencer_id',
      'influencer_name',
      'tier',
      'followers',
      'currency',
      'conversions',
      'revenue',
      'reversals',
      'net_revenue',
      'spend',
    ]);
    expect(header).toEqual(
      expect.arrayContaining(['roi', 'roas', 'cpa', 'cpe', 'cpm', 'emv', 'engagement_rate', 'deliverables_on_time', 'deliverables_open']),
    );
    const at = (row: string[], column: string) => row[header.indexOf(column)];
    expect(
      rows.map((row) => [
        at(row, 'rank'),
        at(row, 'influencer_name'),
        at(row, 'tier'),
        at(row, 'net_revenue'),
        at(row, 'roi'),
        at(row, 'cpa'),
      ]),
    ).toEqual([
      ['1', `'=HYPERLINK("http://evil.example","x")`, 'micro', '30000', '2', '5000'],
      ['2', "'@SUM(A1)", 'macro', '-50', '', ''],
    ]);
  });

  it('sends the first `limit` ranked relationships with ?limit=, every total and tier complete; the CSV keeps every row', async () => {
    const { brandId, relationships } = await brandWithRelationships(ctx.t.http, ctx.owner, {}, [
      { name: 'Low', followers: 5_000 },
      { name: 'High', followers: 50_000 },
      { name: 'Mid', followers: 700_000 },
    ]);
    for (const [index, relationship] of relationships.entries())
      await stats(relationship.id, { '2026-05-03': { conversions: 1, revenue: String(200 * (index + 1)), spend_retainer: '100' } });
    const full = (await report(brandId, '2026-Q2').expect(200)).body;
    expect(full.relationships.map((row: { influencer: { name: string } }) => row.influencer.name)).toEqual(['Mid', 'High', 'Low']);
    const limited = (
      await ctx.t.http.get(`/v1/reports/quarterly?brandId=${brandId}&quarter=2026-Q2&limit=2`).set(ctx.owner.auth).expect(200)
    ).body;
    const { relationships: rows, generatedAt: _at, ...rest } = limited;
    const { relationships: allRows, generatedAt: _fullAt, ...fullRest } = full;
    expect(rows).toEqual(allRows.slice(0, 2));
    expect(rest).toEqual(fullRest);
    expect(rest.totals.relationships).toBe(3);
    const csv = await ctx.t.http
      .get(`/v1/reports/quarterly?brandId=${brandId}&quarter=2026-Q2&limit=1`)
      .set(ctx.owner.auth)
      .set('Accept', 'text/csv')
      .expect(200);
    expect(parse(csv.text)).toHaveLength(4);
    for (const bad of ['0', '-1', '1.5', 'x']) {
      const refused = await ctx.t.http
        .get(`/v1/reports/quarterly?brandId=${brandId}&quarter=2026-Q2&limit=${bad}`)
        .set(ctx.owner.auth)
        .expect(400);
      expect(JSON.stringify(refused.body)).toContain('limit');
    }
  });
});
