import { Clock, FixedClock } from '@app/common';
import { apiKeySession, brandWithRelationships, insertDailyStats, signup, useTestApp } from './support';

describe('report links: POST /v1/reports/quarterly/share, GET/DELETE /v1/reports/links (e2e)', () => {
  const clock = new FixedClock(new Date('2026-11-16T08:00:00Z'));
  const ctx = useTestApp({}, (builder) => builder.overrideProvider(Clock).useValue(clock));
  let brandId: string;
  let relationshipId: string;
  const share = (body: Record<string, unknown> = {}) =>
    ctx.t.http
      .post('/v1/reports/quarterly/share')
      .set(ctx.owner.auth)
      .send({ brandId, quarter: '2026-Q4', ...body });
  const pathOf = (url: string) => url.replace('http://localhost:3000', '');

  beforeAll(async () => {
    const program = await brandWithRelationships(ctx.t.http, ctx.owner, { name: 'Northwind', currency: 'EUR', timezone: 'Europe/Paris' }, [
      { name: 'Maya', followers: 25_000 },
    ]);
    brandId = program.brandId;
    relationshipId = program.relationships[0].id;
  });

  it('a link shows the report as it was when made, after the figures change, until it expires', async () => {
    const made = await share({ expiresInDays: 3 }).expect(201);
    expect(made.body).toEqual({
      id: expect.any(String),
      brandId,
      quarter: '2026-Q4',
      source: 'share',
      notificationId: null,
      expiresAt: '2026-11-19T08:00:00.000Z',
      revokedAt: null,
      createdAt: expect.any(String),
      url: expect.stringMatching(/^http:\/\/localhost:3000\/v1\/reports\/quarterly\/view\/shared\?token=[\w.-]+$/),
    });
    await insertDailyStats(ctx.t.databaseUrl, ctx.owner.workspaceId, relationshipId, { '2026-11-10': { conversions: 2, revenue: '320' } });
    const page = await ctx.t.http.get(pathOf(made.body.url)).expect(200);
    expect(page.text).toMatch(/Net revenue<\/dt><dd>0\.00 EUR/);
    // A link made now shows the new figures; the first still shows its own.
    const later = await share().expect(201);
    expect((await ctx.t.http.get(pathOf(later.body.url)).expect(200)).text).toMatch(/Net revenue<\/dt><dd>320\.00 EUR/);
    expect(later.body.expiresAt).toBe('2026-11-23T08:00:00.000Z');

    clock.set('2026-11-19T07:59:59Z');
    await ctx.t.http.get(pathOf(made.body.url)).expect(200);
    clock.set('2026-11-19T08:00:00Z');
    try {
      expect((await ctx.t.http.get(pathOf(made.body.url)).expect(410)).text).toContain('This report link expired on 2026-11-19.');
    } finally {
      clock.set('2026-11-16T08:00:00Z');
    }
  });

  it('an admin lists and revokes links: the page then answers 410 saying so; both are in the audit log', async () => {
    const made = (await share().expect(201)).body;
    const list = (await ctx.t.http.get(`/v1/reports/links?brandId=${brandId}&limit=1`).set(ctx.owner.auth).expect(200)).body;
    const { url: _url, ...view } = made;
    expect(list.data).toEqual([view]);
    expect(list.nextCursor).toEqual(expect.any(String));
    expect(JSON.stringify(list)).not.toContain('token');

    const manager = await apiKeySession(ctx.t.http, ctx.owner, 'manager');
    await ctx.t.http.get('/v1/reports/links').set(manager.auth).expect(403);
    await ctx.t.http.delete(`/v1/reports/links/${made.id}`).set(manager.auth).expect(403);
    await ctx.t.http.get(pathOf(made.url)).expect(200);

    await ctx.t.http.delete(`/v1/reports/links/${made.id}`).set(ctx.owner.auth).expect(204);
    await ctx.t.http.delete(`/v1/reports/links/${made.id}`).set(ctx.owner.auth).expect(204);
    const revoked = await ctx.t.http.get(pathOf(made.url)).expect(410);
    expect(revoked.text).toContain('This report link was revoked by an admin of the workspace on 2026-');
    expect((await ctx.t.http.get(`/v1/reports/links/${made.id}`).set(ctx.owner.auth).expect(200)).body.revokedAt).toEqual(
      expect.any(String),
    );

    const audit = (await ctx.t.http.get(`/v1/audit-log?entityType=report_link&entityId=${made.id}`).set(ctx.owner.auth).expect(200)).body;
    expect(audit.data.map((e: { action: string; actor: { id: string } }) => [e.action, e.actor.id])).toEqual([
      ['revoked', ctx.owner.userId],
      ['created', ctx.owner.userId],
    ]);

    const stranger = await signup(ctx.t.http);
    await ctx.t.http.delete(`/v1/reports/links/${made.id}`).set(stranger.auth).expect(404);
    expect((await ctx.t.http.get('/v1/reports/links').set(stranger.auth).expect(200)).body.data).toEqual([]);
  });

  it('refuses a bad expiry (400 naming it), a future quarter (400), a brand of another workspace (404) and a viewer (403)', async () => {
    for (const expiresInDays of [0, 91, 1.5, '7']) {
      const refused = await share({ expiresInDays }).expect(400);
      expect([...new Set(refused.body.errors.map((e: { field: string }) => e.field))]).toEqual(['expiresInDays']);
    }
    expect((await share({ quarter: '2027-Q1' }).expect(400)).body.errors[0].field).toBe('quarter');
    const stranger = await signup(ctx.t.http);
    await ctx.t.http.post('/v1/reports/quarterly/share').set(stranger.auth).send({ brandId, quarter: '2026-Q4' }).expect(404);
    const viewer = await apiKeySession(ctx.t.http, ctx.owner, 'viewer');
    await ctx.t.http.post('/v1/reports/quarterly/share').set(viewer.auth).send({ brandId, quarter: '2026-Q4' }).expect(403);
  });
});
