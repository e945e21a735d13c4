import { createTestApp, influencerBody, Session, signup, socialAccountBody as account, TestApp } from './support';

describe('influencers list (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  const create = async (session: Session, overrides: Record<string, unknown> = {}): Promise<{ id: string }> =>
    (await t.http.post('/v1/influencers').set(session.auth).send(influencerBody(overrides)).expect(201)).body;

  describe('filters', () => {
    let ws: Session;
    beforeAll(async () => {
      ws = await signup(t.http);
      await create(ws, { name: 'Alpha', tags: ['a'], socialAccounts: [account(5_000)] });
      await create(ws, {
        name: 'Bravo',
        email: 'bravo.mail@example.com',
        tags: ['a', 'b'],
        socialAccounts: [account(20_000, { platform: 'tiktok' })],
      });
      await create(ws, {
        name: 'Charlie',
        tags: ['b'],
        socialAccounts: [account(200_000, { platform: 'youtube', handle: 'charlie_cooks' }), account(1_000)],
      });
      await create(ws, { name: 'Delta', tags: ['a', 'b'], socialAccounts: [account(2_000_000)] });
    });

    it.each([
      ['tier=micro', ['Bravo']],
      ['tier=mega', ['Delta']],
      ['platform=instagram', ['Alpha', 'Charlie', 'Delta']],
      ['platform=youtube', ['Charlie']],
      ['tag=a', ['Alpha', 'Bravo', 'Delta']],
      ['tag=B', ['Bravo', 'Charlie', 'Delta']],
      ['tag=a&tag=b', ['Bravo', 'Delta']],
      ['q=CHARLIE_c', ['Charlie']],
      ['q=@charlie', ['Charlie']],
      ['q=bravo.MAIL', ['Bravo']],
      ['q=elt', ['Delta']],
      ['q=%25', []],
      ['platform=instagram&tag=b', ['Charlie', 'Delta']],
      ['tier=mega&platform=instagram&tag=a&q=del', ['Delta']],
      ['tier=micro&platform=instagram', []],
    ])('?%s', async (query, expected) => {
      const response = await t.http.get(`/v1/influencers?limit=200&${query}`).set(ws.auth).expect(200);
      expect(response.body.data.map((i: { name: string }) => i.name).sort()).toEqual(expected);
    });

    it('includes the social accounts of each item, largest first', async () => {
      const [charlie] = (await t.http.get('/v1/influencers?q=charlie').set(ws.auth).expect(200)).body.data;
      expect(charlie.socialAccounts.map((a: { platform: string }) => a.platform)).toEqual(['youtube', 'instagram']);
    });

    it.each([
      ['tier=huge', 'tier'],
      ['platform=myspace', 'platform'],
      ['sort=name', 'sort'],
      ['limit=201', 'limit'],
    ])('rejects ?%s naming %s', async (query, field) => {
      const response = await t.http.get(`/v1/influencers?${query}`).set(ws.auth).expect(400);
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });
  });

  it('pages through 120 influencers, 50 at a time, without duplicates or gaps', async () => {
    const ws = await signup(t.http);
    const ids = new Set<string>();
    for (let i = 0; i < 120; i++) ids.add((await create(ws, { socialAccounts: [account(i * 1_000)] })).id);
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; nextCursor: string | null } } = await t.http
        .get(`/v1/influencers?limit=50${cursor ? `&cursor=${cursor}` : ''}`)
        .set(ws.auth)
        .expect(200);
      seen.push(...page.body.data.map((i) => i.id));
      sizes.push(page.body.data.length);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([50, 50, 20]);
    expect(seen).toHaveLength(120);
    expect(new Set(seen)).toEqual(ids);
    const bad = await t.http.get('/v1/influencers?cursor=not-a-cursor').set(ws.auth).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('answers each page, built by PostgreSQL, byte for byte as JSON.stringify of the records GET /:id answers', async () => {
    const ws = await signup(t.http);
    await create(ws, {
      name: 'Zoë "the \\ quote" Ünal 🚀',
      email: null,
      country: null,
      tags: ['a"b', 'c\\d', 'ünï', '</script>'],
      notes: 'line one\nline\ttwo \u0001 end',
      socialAccounts: [
        account(9_876_543_210, {
          platform: 'youtube',
          url: 'https://example.com/a?b=c&d=%22',
          engagementRate: '3.2500',
          asOf: '2026-01-31',
        }),
        account(0, { engagementRate: '0.0001' }),
        account(999, { platform: 'tiktok' }),
      ],
    });
    await create(ws, { socialAccounts: [] });
    for (let i = 0; i < 3; i++) await create(ws);
    let path: string | null = '/v1/influencers?limit=2';
    let pages = 0;
    while (path) {
      const page: { text: string; headers: Record<string, string>; body: { data: { id: string }[]; nextCursor: string | null } } =
        await t.http.get(path).set(ws.auth).expect(200);
      expect(page.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(page.headers.etag).toBeDefined();
      const records = await Promise.all(
        page.body.data.map(async (item: { id: string }) => (await t.http.get(`/v1/influencers/${item.id}`).set(ws.auth).expect(200)).text),
      );
      expect(page.text).toBe(`{"data":[${records.join(',')}],"nextCursor":${JSON.stringify(page.body.nextCursor)}}`);
      path = page.body.nextCursor ? `/v1/influencers?limit=2&cursor=${page.body.nextCursor}` : null;
      pages++;
    }
    expect(pages).toBe(3);
    const empty = await t.http.get('/v1/influencers?q=nobody-by-this-name').set(ws.auth).expect(200);
    expect(empty.text).toBe('{"data":[],"nextCursor":null}');
  });
});
