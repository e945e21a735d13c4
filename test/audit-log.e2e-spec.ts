import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ActivityService } from '@app/activity';
import { RequestContext, Role } from '@app/common';
import { RolloverContract } from '@app/contracts';
import { addMember, brandBody, contractCalls, readAuditLog, relationshipFixture, signup, useTestApp } from './support';

describe('audit log (e2e)', () => {
  const ctx = useTestApp();
  const http = () => ctx.t.http;
  const audit = (query: string, s: { auth: { Authorization: string } } = ctx.owner) => readAuditLog(http(), s, query);

  it('lists the entries one transaction wrote in the order it wrote them, though many share a millisecond', async () => {
    // created_at keeps milliseconds: entries written within one tie on it, and the id breaks the tie.
    const entityId = randomUUID();
    const steps = Array.from({ length: 40 }, (_, i) => `step_${i}`);
    await RequestContext.run(
      () =>
        ctx.t.app.get(DataSource).transaction(async (manager) => {
          for (const action of steps) await ctx.t.app.get(ActivityService).record(manager, { entityType: 'brand', entityId, action });
        }),
      { workspaceId: ctx.owner.workspaceId, userId: ctx.owner.userId, role: Role.Owner },
    );
    const { data } = await audit(`?entityType=brand&entityId=${entityId}&limit=100`);
    expect(data.map((e) => e.action)).toEqual([...steps].reverse());
  });

  it('records member changes with the acting user, newest first', async () => {
    const colleague = await signup(http());
    const { memberId } = await addMember(ctx.t, ctx.owner, colleague, 'viewer');
    await http().patch(`/v1/members/${memberId}`).set(ctx.owner.auth).send({ role: 'manager' }).expect(200);
    await http().patch(`/v1/members/${memberId}`).set(ctx.owner.auth).send({ role: 'manager' }).expect(200); // no change, no entry
    await http().delete(`/v1/members/${memberId}`).set(ctx.owner.auth).expect(204);

    const { data } = await audit(`?entityType=member&entityId=${memberId}`);
    expect(data.map((e) => [e.action, e.changes])).toEqual([
      ['removed', { userId: colleague.userId, email: colleague.email, role: 'manager' }],
      ['role_changed', { userId: colleague.userId, role: { from: 'viewer', to: 'manager' } }],
      ['added', { userId: colleague.userId, email: colleague.email, role: 'viewer', invitationId: expect.any(String) }],
    ]);
    expect(data[0].actor).toEqual({ type: 'user', id: ctx.owner.userId, name: 'Owner Person', email: ctx.owner.email, keyPrefix: null });
    // Joining is the person's own act: they accepted the invitation.
    expect(data[2].actor).toMatchObject({ type: 'user', id: colleague.userId, email: colleague.email });
    expect(data[0].createdAt >= data[1].createdAt && data[1].createdAt >= data[2].createdAt).toBe(true);
  });

  it('records API keys created and revoked, never the key; changes made with a key name the key', async () => {
    const created = await http().post('/v1/api-keys').set(ctx.owner.auth).send({ name: 'Shopify sync', role: 'admin' }).expect(201);
    const keyAuth = { Authorization: `Bearer ${created.body.key}` };
    const brand = await http()
      .post('/v1/brands')
      .set(keyAuth)
      .send(brandBody({ name: 'Made by a key' }))
      .expect(201);
    await http().delete(`/v1/api-keys/${created.body.id}`).set(ctx.owner.auth).expect(204);

    const { data } = await audit(`?entityType=api_key&entityId=${created.body.id}`);
    expect(data.map((e) => [e.action, e.changes])).toEqual([
      ['revoked', { name: 'Shopify sync', role: 'admin', prefix: created.body.prefix }],
      ['created', { name: 'Shopify sync', role: 'admin', prefix: created.body.prefix }],
    ]);
    const byKey = await audit(`?actorApiKeyId=${created.body.id}`);
    expect(byKey.data).toEqual([expect.objectContaining({ entityType: 'brand', entityId: brand.body.id, action: 'created' })]);
    expect(byKey.data[0].actor).toEqual({
      type: 'api_key',
      id: created.body.id,
      name: 'Shopify sync',
      email: null,
      keyPrefix: created.body.prefix,
    });
    expect(JSON.stringify((await audit('?limit=200')).data)).not.toContain(created.body.key);
  });

  it('records workspace settings as before/after and the webhook secret as set then rotated, redacted', async () => {
    await http()
      .patch('/v1/workspace')
      .set(ctx.owner.auth)
      .send({ conversionLockDays: 14, tierThresholds: { micro: 5_000, mid: 50_000, macro: 400_000, mega: 900_000 } })
      .expect(200);
    await http().put('/v1/workspace/shopify').set(ctx.owner.auth).send({ secret: 'first-shopify-secret' }).expect(204);
    await http().put('/v1/workspace/shopify').set(ctx.owner.auth).send({ secret: 'second-shopify-secret' }).expect(204);

    const { data } = await audit('?entityType=workspace');
    expect(data.map((e) => [e.action, e.entityId, e.changes])).toEqual([
      ['webhook_secret_rotated', ctx.owner.workspaceId, { shopifyWebhookSecret: { from: '[redacted]', to: '[redacted]' } }],
      ['webhook_secret_set', ctx.owner.workspaceId, { shopifyWebhookSecret: { from: null, to: '[redacted]' } }],
      [
        'settings_updated',
        ctx.owner.workspaceId,
        {
          conversionLockDays: { from: 30, to: 14 },
          tierThresholds: {
            from: { micro: 10_000, mid: 100_000, macro: 500_000, mega: 1_000_000 },
            to: { micro: 5_000, mid: 50_000, macro: 400_000, mega: 900_000 },
          },
          influencersRetiered: 0,
        },
      ],
    ]);
    const everything = JSON.stringify((await audit('?limit=200')).data);
    expect(everything).not.toContain('first-shopify-secret');
    expect(everything).not.toContain('second-shopify-secret');
  });

  it('records brand settings and the contract lifecycle, including the rollover made by the system', async () => {
    const r = await relationshipFixture(http(), ctx.owner, { name: 'Lifecycle brand' });
    await http()
      .patch(`/v1/brands/${r.brandId}`)
      .set(ctx.owner.auth)
      .send({ timezone: 'America/New_York', fiscalYearStartMonth: 4 })
      .expect(200);
    const brandEntries = (await audit(`?entityType=brand&entityId=${r.brandId}`)).data;
    expect(brandEntries.map((e) => [e.action, e.changes])).toEqual([
      ['updated', { timezone: { from: 'Europe/Paris', to: 'America/New_York' }, fiscalYearStartMonth: { from: 1, to: 4 } }],
      [
        'created',
        { name: 'Lifecycle brand', currency: 'EUR', timezone: 'Europe/Paris', fiscalYearStartMonth: 1, managerUserIds: [ctx.owner.userId] },
      ],
    ]);

    await http().delete(`/v1/brands/${r.brandId}`).set(ctx.owner.auth).expect(409); // still has a relationship: nothing recorded
    const spare = await http()
      .post('/v1/brands')
      .set(ctx.owner.auth)
      .send(brandBody({ name: 'Spare brand' }))
      .expect(201);
    await http().delete(`/v1/brands/${spare.body.id}`).set(ctx.owner.auth).expect(204);
    expect((await audit(`?entityType=brand&action=deleted`)).data.map((e) => [e.entityId, e.changes])).toEqual([
      [spare.body.id, { name: 'Spare brand' }],
    ]);

    const api = contractCalls(http(), ctx.owner);
    const first = await api.draft(r.id, { autoRenew: true, renewalTermMonths: 3 });
    await api.act(first.id, 'activate').expect(200);
    await api.act(first.id, 'cancel-auto-renew').expect(200);
    const second = await api.draft(r.id, { startDate: '2026-07-01', endDate: '2026-12-31' });
    // The first term ended on 2026-06-30: the worker's rollover ends it, as the system.
    await RequestContext.run(() => ctx.t.app.get(RolloverContract).execute(first.id), {
      workspaceId: ctx.owner.workspaceId,
      role: Role.Owner,
    });
    await api.act(second.id, 'activate').expect(200);
    const third = (await api.act(second.id, 'renew').expect(201)).body;
    await api.act(second.id, 'terminate', { effectiveDate: '2026-09-30', reason: 'Budget cut' }).expect(200);

    const terms = [first.id, second.id, third.id];
    const lifecycle = (await audit(`?entityType=contract&limit=200`)).data.filter((e) => terms.includes(e.entityId)).reverse();
    expect(lifecycle.map((e) => `${terms.indexOf(e.entityId) + 1}:${e.action}:${e.actor.type}`)).toEqual([
      '1:created:user',
      '1:activated:user',
      '1:deliverables_generated:user',
      '1:auto_renew_cancelled:user',
      '2:created:user',
      '1:rolled_over:system',
      '2:activated:user',
      '2:deliverables_generated:user',
      '3:created:user',
      '2:renewed:user',
      '2:deliverables_cancelled:user',
      '3:cancelled:user',
      '2:terminated:user',
    ]);
    expect(lifecycle.find((e) => e.action === 'terminated')?.changes).toMatchObject({
      status: { from: 'active', to: 'terminated' },
      effectiveDate: '2026-09-30',
      reason: 'Budget cut',
    });
    expect(lifecycle.find((e) => e.action === 'rolled_over')?.actor).toEqual({
      type: 'system',
      id: null,
      name: null,
      email: null,
      keyPrefix: null,
    });
    expect((await audit(`?action=terminated&entityId=${second.id}`)).data).toHaveLength(1);
  });
});
