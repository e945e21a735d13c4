import { contractCalls, relationshipFixture, useTestApp } from './support';

describe('contracts: terminate, cancel auto-renewal, add deliverables (e2e)', () => {
  const ctx = useTestApp();
  const http = () => ctx.t.http;
  const auth = () => ctx.owner.auth;
  const api = () => contractCalls(http(), ctx.owner);

  it('terminates: deliverables due after the effective date are cancelled, the renewal draft is cancelled, the relationship ends', async () => {
    const r = await relationshipFixture(http(), ctx.owner);
    const first = await api().draft(r.id);
    await api().act(first.id, 'activate').expect(200);
    const next = (await api().act(first.id, 'renew').expect(201)).body;
    await api()
      .act(first.id, 'terminate', { effectiveDate: '2026-07-01', reason: 'x' })
      .expect(400, /effectiveDate/);
    await api()
      .act(first.id, 'terminate', {})
      .expect(400, /reason/);
    const terminated = await api()
      .act(first.id, 'terminate', { effectiveDate: '2026-03-31', reason: 'Brand strategy changed' })
      .expect(200);
    expect(terminated.body).toMatchObject({
      status: 'terminated',
      terminationDate: '2026-03-31',
      terminationReason: 'Brand strategy changed',
      terminatedAt: expect.any(String),
    });
    const all = await api().deliverables(first.id);
    expect(all.filter((d) => d.status === 'planned').every((d) => d.dueDate <= '2026-03-31')).toBe(true);
    expect(all.filter((d) => d.status === 'cancelled').every((d) => d.dueDate > '2026-03-31')).toBe(true);
    expect(all.filter((d) => d.status === 'cancelled')).toHaveLength(6);
    expect((await http().get(`/v1/contracts/${next.id}`).set(auth()).expect(200)).body.status).toBe('cancelled');
    const detail = await api().relationship(r.id);
    expect(detail).toMatchObject({ status: 'ended', currentContract: { id: first.id, status: 'terminated' } });
    expect((await api().act(first.id, 'terminate', { reason: 'again' }).expect(409)).body.currentStatus).toBe('terminated');
  });

  it('cancels auto-renewal once and answers a repeat unchanged; refuses it without auto-renewal', async () => {
    const r = await relationshipFixture(http(), ctx.owner);
    const plain = await api().draft(r.id);
    await api()
      .act(plain.id, 'cancel-auto-renew')
      .expect(409, /CONTRACT_ILLEGAL_TRANSITION/);
    await api().act(plain.id, 'activate').expect(200);
    expect((await api().act(plain.id, 'cancel-auto-renew').expect(409)).body.code).toBe('CONTRACT_NOT_AUTO_RENEWING');
    const r2 = await relationshipFixture(http(), ctx.owner);
    const renewing = await api().draft(r2.id, { autoRenew: true, renewalTermMonths: 6 });
    await api().act(renewing.id, 'activate').expect(200);
    const first = await api().act(renewing.id, 'cancel-auto-renew').expect(200);
    expect(first.body).toMatchObject({ autoRenew: true, autoRenewCancelledAt: expect.any(String) });
    const second = await api().act(renewing.id, 'cancel-auto-renew').expect(200);
    expect(second.body.autoRenewCancelledAt).toBe(first.body.autoRenewCancelledAt);
  });

  it('adds deliverables by hand to draft and active contracts only', async () => {
    const r = await relationshipFixture(http(), ctx.owner);
    const contract = await api().draft(r.id, { deliverablePlan: [] });
    const add = (body: object) =>
      http()
        .post('/v1/deliverables')
        .set(auth())
        .send({ contractId: contract.id, type: 'story', platform: 'instagram', dueDate: '2026-02-14', ...body });
    const added = await add({ brief: 'Valentine teaser' }).expect(201);
    expect(added.body).toMatchObject({
      id: expect.any(String),
      contractId: contract.id,
      type: 'story',
      dueDate: '2026-02-14',
      status: 'planned',
      fee: '150.00',
    });
    await http().get(`/v1/deliverables/${added.body.id}`).set(auth()).expect(200);
    await add({ dueDate: '2026-07-01' }).expect(400, /dueDate/);
    await add({ fee: '10.001' }).expect(400, /fee/);
    await add({ contractId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    await api().act(contract.id, 'activate').expect(200);
    await add({ dueDate: '2026-03-01' }).expect(201);
    await api().act(contract.id, 'terminate', { effectiveDate: '2026-03-15', reason: 'stop' }).expect(200);
    expect((await add({ dueDate: '2026-03-10' }).expect(409)).body).toMatchObject({
      code: 'CONTRACT_ILLEGAL_TRANSITION',
      currentStatus: 'terminated',
    });
    expect(await api().deliverables(contract.id)).toHaveLength(2);
  });

  it('records who changed what in the relationship activity', async () => {
    const r = await relationshipFixture(http(), ctx.owner);
    const contract = await api().draft(r.id);
    await api().act(contract.id, 'activate').expect(200);
    await api().act(contract.id, 'terminate', { effectiveDate: '2026-02-28', reason: 'Budget cut' }).expect(200);
    const { body } = await http().get(`/v1/relationships/${r.id}/activity?limit=200`).set(auth()).expect(200);
    const entries: { action: string; entityId: string; actorUserId: string; changes: Record<string, unknown> }[] = body.data;
    // Entries of one transaction share created_at, so only the set is compared.
    expect(entries.map((e) => e.action).sort()).toEqual([
      'activated',
      'created',
      'created',
      'deliverables_cancelled',
      'deliverables_generated',
      'status_changed',
      'status_changed',
      'terminated',
    ]);
    expect(entries.every((e) => e.actorUserId === ctx.owner.userId)).toBe(true);
    expect(entries.find((e) => e.action === 'terminated')).toMatchObject({
      entityId: contract.id,
      changes: { effectiveDate: '2026-02-28', reason: 'Budget cut', status: { from: 'active', to: 'terminated' } },
    });
    expect(entries.filter((e) => e.action === 'status_changed').map((e) => e.changes.status)).toEqual([
      { from: 'active', to: 'ended' },
      { from: 'prospect', to: 'active' },
    ]);
  });
});
