import { addMember, brandBody, browserSession, createTestApp, signup, TestApp, useTestApp } from './support';

const cookieOf = (response: { headers: Record<string, unknown> }) =>
  ([] as string[]).concat((response.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith('acrm_session='));

/** The console's cookie sessions (web.md): POST/PATCH/DELETE /v1/auth/session, the CSRF header, revocation. */
describe('browser sessions (e2e)', () => {
  const ctx = useTestApp();

  it('sets an httpOnly, SameSite=Lax cookie for the whole site, not Secure over http, and the cookie opens the API', async () => {
    const response = await ctx.t.http
      .post('/v1/auth/session')
      .send({ email: ctx.owner.email, password: 'correct horse battery' })
      .expect(200);
    const cookie = cookieOf(response);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    expect(response.body).toMatchObject({ role: 'owner', workspace: { id: ctx.owner.workspaceId }, user: { email: ctx.owner.email } });
    const me = await ctx.t.http.get('/v1/me').set('Cookie', cookie!.split(';')[0]).expect(200);
    expect(me.body.workspace.id).toBe(ctx.owner.workspaceId);
  });

  it('refuses a wrong password with 401 and sets no cookie', async () => {
    const response = await ctx.t.http.post('/v1/auth/session').send({ email: ctx.owner.email, password: 'wrong password!' }).expect(401);
    expect(cookieOf(response)).toBeUndefined();
  });

  it('refuses a state change by cookie without the X-Requested-With header (403 problem+json); with it, or by bearer, it passes', async () => {
    const { Cookie, ...header } = await browserSession(ctx.t.http, ctx.owner);
    const refused = await ctx.t.http.post('/v1/brands').set('Cookie', Cookie).send(brandBody()).expect(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      status: 403,
      code: 'BROWSER_HEADER_MISSING',
      detail: expect.stringContaining('X-Requested-With: web'),
    });
    expect((await ctx.t.http.get('/v1/brands').set('Cookie', Cookie).expect(200)).body.data).toEqual([]);
    await ctx.t.http
      .post('/v1/brands')
      .set({ Cookie, ...header })
      .send(brandBody())
      .expect(201);
    await ctx.t.http.post('/v1/brands').set(ctx.owner.auth).send(brandBody()).expect(201);
  });

  it("keeps roles: a viewer's cookie reads but cannot write", async () => {
    const person = await signup(ctx.t.http);
    await addMember(ctx.t, ctx.owner, person, 'viewer');
    const viewer = await browserSession(ctx.t.http, person, 'correct horse battery');
    // The oldest membership is entered first: their own workspace. Switch to the owner's.
    await ctx.t.http.patch('/v1/auth/session').set(viewer).send({ workspaceId: ctx.owner.workspaceId }).expect(200);
    expect((await ctx.t.http.get('/v1/me').set(viewer).expect(200)).body).toMatchObject({
      role: 'viewer',
      workspace: { id: ctx.owner.workspaceId },
    });
    await ctx.t.http.post('/v1/brands').set(viewer).send(brandBody()).expect(403);
  });

  it('switches only into workspaces of the user: another workspace answers 404 and the session stays where it was', async () => {
    const session = await browserSession(ctx.t.http, ctx.owner);
    const stranger = await signup(ctx.t.http);
    await ctx.t.http.patch('/v1/auth/session').set(session).send({ workspaceId: stranger.workspaceId }).expect(404);
    expect((await ctx.t.http.get('/v1/me').set(session).expect(200)).body.workspace.id).toBe(ctx.owner.workspaceId);
    const mine = await ctx.t.http.get('/v1/me/workspaces').set(session).expect(200);
    expect(mine.body.data).toEqual([{ id: ctx.owner.workspaceId, name: expect.any(String), role: 'owner' }]);
  });

  it("a cookie of workspace A never reads workspace B's rows", async () => {
    const other = await signup(ctx.t.http);
    const brand = (await ctx.t.http.post('/v1/brands').set(other.auth).send(brandBody()).expect(201)).body;
    const session = await browserSession(ctx.t.http, ctx.owner);
    await ctx.t.http.get(`/v1/brands/${brand.id}`).set(session).expect(404);
    expect((await ctx.t.http.get('/v1/brands').set(session).expect(200)).body.data.map((b: { id: string }) => b.id)).not.toContain(
      brand.id,
    );
  });

  it('signing out ends the session on the server: the same cookie is refused afterwards, and the cookie is cleared', async () => {
    const session = await browserSession(ctx.t.http, ctx.owner);
    await ctx.t.http.delete('/v1/auth/session').set('Cookie', session.Cookie).expect(403);
    await ctx.t.http.get('/v1/me').set(session).expect(200);
    const out = await ctx.t.http.delete('/v1/auth/session').set(session).expect(204);
    expect(cookieOf(out)).toMatch(/Expires=Thu, 01 Jan 1970/);
    const after = await ctx.t.http.get('/v1/me').set(session).expect(401);
    expect(after.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('browser sessions behind https (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ APP_URL: 'https://crm.example.com' })));
  afterAll(() => t.close());

  it('marks the cookie Secure when APP_URL is https', async () => {
    const owner = await signup(t.http);
    const response = await t.http.post('/v1/auth/session').send({ email: owner.email, password: 'correct horse battery' }).expect(200);
    expect(cookieOf(response)).toMatch(/; Secure/);
  });
});
