import { RollupsService } from '@app/rollups';
import { apiKeySession, deliverableIn, useTestApp } from './support';

const DEFAULTS = { impressions: '0.005', views: '0.02', likes: '0.10', comments: '0.50', shares: '0.75', saves: '0.50', clicks: '0.90' };

/** EMV rates are a workspace setting (PATCH /v1/workspace); the rollups' stored EMV follows a change. */
describe('workspace EMV rates (e2e)', () => {
  const ctx = useTestApp();
  const workspace = async () => (await ctx.t.http.get('/v1/workspace').set(ctx.owner.auth).expect(200)).body;

  it('starts from the documented defaults and changes only the rates named', async () => {
    expect((await workspace()).emvRates).toEqual(DEFAULTS);

    const updated = await ctx.t.http
      .patch('/v1/workspace')
      .set(ctx.owner.auth)
      .send({ emvRates: { likes: '0.25', clicks: '1' } })
      .expect(200);

    expect(updated.body.emvRates).toEqual({ ...DEFAULTS, likes: '0.25', clicks: '1' });
    expect((await workspace()).emvRates).toEqual({ ...DEFAULTS, likes: '0.25', clicks: '1' });
    await ctx.t.http.patch('/v1/workspace').set(ctx.owner.auth).send({ emvRates: DEFAULTS }).expect(200);
  });

  it.each([
    [{ emvRates: { likes: '-1' } }, 'emvRates.likes'],
    [{ emvRates: { likes: 0.25 } }, 'emvRates.likes'],
    [{ emvRates: { clicks: '0.12345' } }, 'emvRates.clicks'],
    [{ emvRates: { retweets: '1' } }, 'emvRates.retweets'],
    [{ emvRates: 'cheap' }, 'emvRates'],
  ])('refuses %j naming %s and changes nothing', async (body, field) => {
    const before = await workspace();
    const response = await ctx.t.http.patch('/v1/workspace').set(ctx.owner.auth).send(body).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await workspace()).toEqual(before);
  });

  it('lets only admins change them', async () => {
    const manager = await apiKeySession(ctx.t.http, ctx.owner, 'manager');
    await ctx.t.http
      .patch('/v1/workspace')
      .set(manager.auth)
      .send({ emvRates: { likes: '9' } })
      .expect(403);
    expect((await workspace()).emvRates).toEqual(DEFAULTS);
  });

  it("recomputes the stored EMV of the workspace's publications with the new rates", async () => {
    const deliverableId = await deliverableIn(ctx.t.http, ctx.owner, 'published');
    await ctx.t.http
      .post(`/v1/deliverables/${deliverableId}/metrics`)
      .set(ctx.owner.auth)
      .send({ impressions: 1000, likes: 40, comments: 4, clicks: 10 })
      .expect(201);
    const { relationshipId } = (await ctx.t.http.get(`/v1/deliverables/${deliverableId}`).set(ctx.owner.auth).expect(200)).body;
    const rollups = ctx.t.app.get(RollupsService);
    const emv = async () => {
      await rollups.sweep();
      return (await ctx.t.http.get(`/v1/relationships/${relationshipId}`).set(ctx.owner.auth).expect(200)).body.figures.emv;
    };
    // 1000 × 0.005 + 40 × 0.10 + 4 × 0.50 + 10 × 0.90 = 20.00
    expect(await emv()).toBe('20.00');

    await ctx.t.http
      .patch('/v1/workspace')
      .set(ctx.owner.auth)
      .send({ emvRates: { likes: '0.25', impressions: '0' } })
      .expect(200);

    // 1000 × 0 + 40 × 0.25 + 4 × 0.50 + 10 × 0.90 = 21.00
    expect(await emv()).toBe('21.00');
    const audit = (await ctx.t.http.get('/v1/audit-log?entityType=workspace').set(ctx.owner.auth).expect(200)).body.data;
    expect(audit[0]).toMatchObject({
      action: 'settings_updated',
      changes: { emvRates: { from: DEFAULTS, to: { ...DEFAULTS, likes: '0.25', impressions: '0' } } },
    });
  });
});
