import { openApiDocument, routes, useTestApp } from './support';

/** Every operation says what it does in the OpenAPI document: a route added without @ApiOperation({ summary }) fails here. */
describe('OpenAPI summaries (e2e)', () => {
  const ctx = useTestApp();

  it('gives every operation a summary', async () => {
    const doc = await openApiDocument(ctx.t.http);
    const all = routes(doc);
    expect(all.length).toBeGreaterThan(60);
    expect(all.filter(({ operation }) => !operation.summary?.trim()).map(({ key }) => key)).toEqual([]);
  });
});
