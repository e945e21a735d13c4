import { addMember, AuditEntryBody as Entry, apiKeySession, brandBody, readAuditLog, Session, signup, useTestApp } from './support';

describe('audit log: who may read it, paging, filters, tenancy (e2e)', () => {
  const ctx = useTestApp();
  const http = () => ctx.t.http;
  const audit = (query: string, s: { auth: { Authorization: string } } = ctx.owner) => readAuditLog(http(), s, query);
  const loginAs = async (user: Session, workspaceId: string) => {
    const { body } = await http()
      .post('/v1/auth/login')
      .send({ email: user.email, password: 'correct horse battery', workspaceId })
      .expect(200);
    return { auth: { Authorization: `Bearer ${body.accessToken}` } };
  };

  it('is for admins and owners: viewers and managers get 403, with a token or a key', async () => {
    for (const role of ['viewer', 'manager'] as const) {
      await http()
        .get('/v1/audit-log')
        .set((await apiKeySession(http(), ctx.owner, role)).auth)
        .expect(403);
      const person = await signup(http());
      await addMember(ctx.t, ctx.owner, person, role);
      const refused = await http()
        .get('/v1/audit-log')
        .set((await loginAs(person, ctx.owner.workspaceId)).auth)
        .expect(403);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    await audit('', await apiKeySession(http(), ctx.owner, 'admin'));
    await http().get('/v1/audit-log').expect(401);
  });

  it('pages newest first with a cursor and filters by actor and time', async () => {
    const before = new Date().toISOString();
    for (let i = 0; i < 5; i++)
      await http()
        .post('/v1/brands')
        .set(ctx.owner.auth)
        .send(brandBody({ name: `Paged ${i}` }))
        .expect(201);
    const seen: Entry[] = [];
    let cursor: string | null = '';
    do {
      const page: { data: Entry[]; nextCursor: string | null } = await audit(
        `?entityType=brand&action=created&actorUserId=${ctx.owner.userId}&from=${encodeURIComponent(before)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((e) => e.changes.name)).toEqual(['Paged 4', 'Paged 3', 'Paged 2', 'Paged 1', 'Paged 0']);
    expect((await audit(`?entityType=brand&to=${encodeURIComponent(before)}`)).data.every((e) => e.createdAt < before)).toBe(true);
  });

  it('answers 400 naming the parameter for bad filters', async () => {
    const cases: [string, string][] = [
      ['entityType=users', 'entityType'],
      ['action=DROP%20TABLE', 'action'],
      ['actorUserId=1', 'actorUserId'],
      ['from=yesterday', 'from'],
      ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
      ['cursor=abc', 'cursor'],
      ['limit=500', 'limit'],
    ];
    for (const [query, field] of cases) {
      const response = await http().get(`/v1/audit-log?${query}`).set(ctx.owner.auth).expect(400);
      expect({ query, fields: [...new Set(response.body.errors.map((e: { field: string }) => e.field))] }).toEqual({
        query,
        fields: [field],
      });
    }
  });

  it("shows only the caller's workspace", async () => {
    const other = await signup(http());
    await http().post('/v1/brands').set(other.auth).send(brandBody()).expect(201);
    const mine = await audit('?limit=200');
    expect(mine.data.length).toBeGreaterThan(0);
    const theirs = await audit('?limit=200', other);
    expect(theirs.data.map((e) => e.entityType)).toEqual(['brand']);
    expect(mine.data.some((e) => theirs.data.some((t) => t.id === e.id))).toBe(false);
    expect((await audit(`?actorUserId=${ctx.owner.userId}`, other)).data).toEqual([]);
  });
});
