import { influencerBody, Session, signup, useTestApp } from './support';

type Influencer = {
  id: string;
  name: string;
  email: string;
  country: string | null;
  tags: string[];
  tier: string;
  notes: string | null;
  socialAccounts: { id: string; platform: string; handle: string; followers: number; engagementRate: string | null }[];
};

const header =
  'name,email,country,tags,notes,instagram_handle,instagram_followers,instagram_engagement_rate,tiktok_handle,tiktok_followers';
const file = [
  header,
  'Lena Berg,lena@example.com,SE,Outdoor; hiking|outdoor,,@lena.outdoors,48200,3.5,,',
  'Bad Followers,bad.followers@example.com,FR,,,bad_followers,-5,,,',
  'No Email,,FR,,,no_email,100,,,',
  'Bad Country,bad.country@example.com,XX,,,bad_country,100,,,',
  'Tom Tik,tom@example.com,US,dance,,,,,tomtik,1200000',
  'Lena Again,LENA@example.com,SE,,,other_lena,10,,,',
  '"Multi, Line",multi@example.com,DE,,"first line',
  'second line",multi_line,99999,,,',
  'Handle Thief,thief@example.com,FR,,,taken_by_api,10,,,',
  'Save 50% Now,percent@example.com,FR,,,percent_deal,10,,,',
].join('\n');

describe('influencers import (e2e)', () => {
  const ctx = useTestApp();

  const importCsv = (csv: string, session: Session = ctx.owner) =>
    ctx.t.http.post('/v1/influencers/import').set(session.auth).set('Content-Type', 'text/csv').send(csv);
  const all = async (session: Session = ctx.owner): Promise<Influencer[]> =>
    (await ctx.t.http.get('/v1/influencers?limit=200').set(session.auth).expect(200)).body.data;
  const byEmail = async (email: string) => (await all()).find((i) => i.email.toLowerCase() === email.toLowerCase());

  it('keeps the valid rows and reports each bad row by line and column', async () => {
    await ctx.t.http
      .post('/v1/influencers')
      .set(ctx.owner.auth)
      .send(influencerBody({ email: 'api@example.com', socialAccounts: [{ platform: 'instagram', handle: 'Taken_By_API', followers: 5 }] }))
      .expect(201);
    const response = await importCsv(file).expect(200);
    expect(response.body).toEqual({
      created: 4,
      updated: 0,
      rejected: [
        { row: 3, errors: [{ field: 'instagram_followers', message: expect.any(String) }] },
        { row: 4, errors: [{ field: 'email', message: expect.stringContaining('required') }] },
        { row: 5, errors: [{ field: 'country', message: expect.any(String) }] },
        { row: 7, errors: [{ field: 'email', message: expect.stringContaining('row 2') }] },
        { row: 10, errors: [{ field: 'instagram_handle', message: expect.stringContaining('already belongs') }] },
      ],
    });
    expect(await all()).toHaveLength(5);
    expect(await byEmail('lena@example.com')).toMatchObject({
      name: 'Lena Berg',
      country: 'SE',
      tags: ['outdoor', 'hiking'],
      tier: 'micro',
      socialAccounts: [expect.objectContaining({ handle: 'lena.outdoors', followers: 48_200, engagementRate: '3.5' })],
    });
    expect(await byEmail('tom@example.com')).toMatchObject({
      tier: 'mega',
      socialAccounts: [expect.objectContaining({ platform: 'tiktok', handle: 'tomtik' })],
    });
    expect(await byEmail('multi@example.com')).toMatchObject({ name: 'Multi, Line', notes: 'first line\nsecond line', tier: 'micro' });
  });

  it('updates on a re-import instead of duplicating, keeping what the file leaves empty', async () => {
    const before = await byEmail('lena@example.com');
    const again = await importCsv(file).expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 4 });
    expect(again.body.rejected.map((r: { row: number }) => r.row)).toEqual([3, 4, 5, 7, 10]);
    expect(await all()).toHaveLength(5);

    const changed = [header, 'Lena B.,Lena@Example.com,,,,lena.outdoors,150000,,lenatok,2000'].join('\n');
    expect((await importCsv(changed).expect(200)).body).toEqual({ created: 0, updated: 1, rejected: [] });
    const after = await byEmail('lena@example.com');
    expect(after).toMatchObject({ id: before!.id, name: 'Lena B.', country: 'SE', tags: ['outdoor', 'hiking'], tier: 'mid' });
    const instagram = after!.socialAccounts.find((a) => a.platform === 'instagram');
    expect(instagram).toMatchObject({ id: before!.socialAccounts[0].id, followers: 150_000, engagementRate: '3.5' });
    expect(after!.socialAccounts.map((a) => a.platform).sort()).toEqual(['instagram', 'tiktok']);
  });

  it('matches a q containing % literally, not as a wildcard', async () => {
    const found = (await ctx.t.http.get('/v1/influencers?q=%25').set(ctx.owner.auth).expect(200)).body.data;
    expect(found.map((i: Influencer) => i.name)).toEqual(['Save 50% Now']);
    // Only the three with an underscore in a handle (Taken_By_API, multi_line, percent_deal), not all five.
    const underscored = (await ctx.t.http.get('/v1/influencers?q=_').set(ctx.owner.auth).expect(200)).body.data.map(
      (i: Influencer) => i.email,
    );
    expect(underscored.sort()).toEqual(['api@example.com', 'multi@example.com', 'percent@example.com']);
  });

  it('rejects a later row repeating a handle of an earlier row', async () => {
    const ws = await signup(ctx.t.http);
    const csv = [
      'name,email,youtube_handle,youtube_followers',
      'One,one@example.com,SameChannel,10',
      'Two,two@example.com,@samechannel,20',
    ].join('\n');
    const response = await importCsv(csv, ws).expect(200);
    expect(response.body).toEqual({
      created: 1,
      updated: 0,
      rejected: [{ row: 3, errors: [{ field: 'youtube_handle', message: expect.stringContaining('row 2') }] }],
    });
  });

  it('gives a follower count written with separators or a suffix one message saying digits only', async () => {
    const ws = await signup(ctx.t.http);
    const csv = [
      'name,email,instagram_handle,instagram_followers',
      'A,a@example.com,a,"48,200"',
      'B,b@example.com,b,48k',
      'C,c@example.com,c,-5',
    ];
    const message = 'must be a whole number from 0 to 10000000000, digits only (48200, not 48,200 or 48k)';
    expect((await importCsv(csv.join('\n'), ws).expect(200)).body.rejected).toEqual(
      [2, 3, 4].map((row) => ({ row, errors: [{ field: 'instagram_followers', message }] })),
    );
  });

  it.each([
    ['name,e-mail\nA,a@example.com', 'e-mail'],
    ['name,country\nA,FR', 'email'],
    ['name,email,instagram_handle\nA,a@example.com,a', 'instagram_followers'],
    ['name,email,name\nA,a@example.com,B', 'name'],
  ])('refuses a file whose header is %j, naming %s, and writes nothing', async (csv, field) => {
    const ws = await signup(ctx.t.http);
    const response = await importCsv(csv, ws).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await all(ws)).toHaveLength(0);
  });

  it('refuses a body that is not CSV, an empty file and broken quoting', async () => {
    await ctx.t.http.post('/v1/influencers/import').set(ctx.owner.auth).send({ name: 'A' }).expect(415);
    await importCsv('').expect(400);
    const broken = await importCsv('name,email\n"A,a@example.com\n').expect(400);
    expect(broken.body.detail).toMatch(/not valid CSV/);
  });

  it('imports 10,000 rows in one request and refuses 10,001 with 413', async () => {
    const ws = await signup(ctx.t.http);
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => `Bulk ${i},bulk${i}@example.com,x_bulk_${i},${i === 42 ? 2_000_000 : i}`);
    const csv = (n: number) => ['name,email,x_handle,x_followers', ...rows(n)].join('\n');
    const tooLarge = await importCsv(csv(10_001), ws).expect(413);
    expect(tooLarge.body.detail).toMatch(/10000/);
    const response = await importCsv(csv(10_000), ws).expect(200);
    expect(response.body).toEqual({ created: 10_000, updated: 0, rejected: [] });
    const mega = (await ctx.t.http.get('/v1/influencers?tier=mega').set(ws.auth).expect(200)).body.data;
    expect(mega.map((i: Influencer) => i.name)).toEqual(['Bulk 42']);
  });
});
