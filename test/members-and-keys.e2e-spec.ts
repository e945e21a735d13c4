import { addMember, apiKeySession, signup, useTestApp } from './support';

describe('members and API keys (e2e)', () => {
  const ctx = useTestApp();

  it('shows an API key once, stores only a prefix, and a revoked key stops working at once', async () => {
    const created = await ctx.t.http.post('/v1/api-keys').set(ctx.owner.auth).send({ name: 'sync', role: 'manager' }).expect(201);
    expect(created.body.key).toMatch(/^ak_[\w-]{40,}$/);
    const auth = { Authorization: `Bearer ${created.body.key}` };
    const me = await ctx.t.http.get('/v1/me').set(auth).expect(200);
    expect(me.body).toMatchObject({
      role: 'manager',
      user: null,
      apiKey: { id: created.body.id, name: 'sync' },
      workspace: { id: ctx.owner.workspaceId },
    });
    const list = await ctx.t.http.get('/v1/api-keys').set(ctx.owner.auth).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect(list.body.data[0]).toMatchObject({ id: created.body.id, prefix: created.body.key.slice(0, 10) });
    await ctx.t.http.delete(`/v1/api-keys/${created.body.id}`).set(ctx.owner.auth).expect(204);
    await ctx.t.http.get('/v1/me').set(auth).expect(401);
    await ctx.t.http.delete(`/v1/api-keys/${created.body.id}`).set(ctx.owner.auth).expect(404);
  });

  it('keeps member and key management to admins, and nobody grants above their own role', async () => {
    const manager = await apiKeySession(ctx.t.http, ctx.owner, 'manager');
    await ctx.t.http.get('/v1/members').set(manager.auth).expect(403);
    await ctx.t.http.post('/v1/api-keys').set(manager.auth).send({ name: 'x', role: 'viewer' }).expect(403);
    const admin = await apiKeySession(ctx.t.http, ctx.owner, 'admin');
    await ctx.t.http.get('/v1/members').set(admin.auth).expect(200);
    const tooHigh = await ctx.t.http.post('/v1/members').set(admin.auth).send({ email: 'boss@example.com', role: 'owner' }).expect(403);
    expect(tooHigh.body.code).toBe('ROLE_TOO_HIGH');
    await ctx.t.http.post('/v1/api-keys').set(ctx.owner.auth).send({ name: 'x', role: 'owner' }).expect(400);
  });

  it('a person who accepted an invitation logs into this workspace; removing them revokes access at once', async () => {
    const colleague = await signup(ctx.t.http);
    const { memberId } = await addMember(ctx.t, ctx.owner, { ...colleague, email: colleague.email.toUpperCase() }, 'viewer');
    await ctx.t.http.post('/v1/members').set(ctx.owner.auth).send({ email: colleague.email, role: 'viewer' }).expect(409);
    const login = await ctx.t.http
      .post('/v1/auth/login')
      .send({ email: colleague.email, password: 'correct horse battery', workspaceId: ctx.owner.workspaceId })
      .expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    expect((await ctx.t.http.get('/v1/me').set(auth).expect(200)).body).toMatchObject({
      role: 'viewer',
      workspace: { id: ctx.owner.workspaceId },
    });
    await ctx.t.http.post('/v1/brands').set(auth).send({ name: 'n', currency: 'EUR', timezone: 'UTC' }).expect(403);
    await ctx.t.http.patch(`/v1/members/${memberId}`).set(ctx.owner.auth).send({ role: 'manager' }).expect(200);
    expect((await ctx.t.http.get('/v1/me').set(auth).expect(200)).body.role).toBe('manager');
    await ctx.t.http.delete(`/v1/members/${memberId}`).set(ctx.owner.auth).expect(204);
    await ctx.t.http.get('/v1/me').set(auth).expect(401);
  });

  it('never leaves a workspace without an owner', async () => {
    const members = await ctx.t.http.get('/v1/members').set(ctx.owner.auth).expect(200);
    const self = members.body.data.find((m: { userId: string }) => m.userId === ctx.owner.userId);
    const response = await ctx.t.http.patch(`/v1/members/${self.id}`).set(ctx.owner.auth).send({ role: 'admin' }).expect(409);
    expect(response.body.code).toBe('LAST_OWNER');
    await ctx.t.http.delete(`/v1/members/${self.id}`).set(ctx.owner.auth).expect(409);
  });
});
