import { contractCalls, relationshipFixture, useTestApp } from './support';

describe('contracts: activate and renew (e2e)', () => {
  const ctx = useTestApp();
  const http = () => ctx.t.http;
  const api = () => contractCalls(http(), ctx.owner);

  it('activates a draft: 2 reels a month over six months give 12 deliverables, the relationship turns active', async () => {
    const r = await relationshipFixture(http(), ctx.owner);
    const contract = await api().draft(r.id);
    const activated = await api().act(contract.id, 'activate').expect(200);
    expect(activated.body).toMatchObject({ id: contract.id, status: 'active', activatedAt: expect.any(String) });
    const planned = await api().deliverables(contract.id);
    expect(planned).toHaveLength(12);
    expect(planned.every((d) => d.status === 'planned' && d.dueDate >= '2026-01-01' && d.dueDate <= '2026-06-30')).toBe(true);
    expect(new Set(planned.map((d) => d.dueDate.slice(0, 7))).size).toBe(6);
    const detail = await api().relationship(r.id);
    expect(detail).toMatchObject({
      status: 'active',
      currentContract: { id: contract.id, status: 'active' },
      renewalChain: [{ id: contract.id, termNumber: 1, status: 'active' }],
    });
    const again = await api().act(contract.id, 'activate').expect(409);
    expect(again.body).toMatchObject({ code: 'CONTRACT_ILLEGAL_TRANSITION', currentStatus: 'active' });
  });

  it('answers two concurrent activations with one 200 and one 409, and one set of deliverables', async () => {
    const r = await relationshipFixture(http(), ctx.owner);
    const contract = await api().draft(r.id);
    const responses = await Promise.all([api().act(contract.id, 'activate'), api().act(contract.id, 'activate')]);
    expect(responses.map((x) => x.status).sort()).toEqual([200, 409]);
    expect(responses.find((x) => x.status === 409)?.body.currentStatus).toBe('active');
    expect(await api().deliverables(contract.id)).toHaveLength(12);
  });

  it('refuses to activate a term overlapping another, or while another term is active', async () => {
    const r = await relationshipFixture(http(), ctx.owner);
    const first = await api().draft(r.id);
    await api().act(first.id, 'activate').expect(200);
    const overlapping = await api().draft(r.id, { startDate: '2026-06-30', endDate: '2026-12-31' });
    const refused = await api().act(overlapping.id, 'activate').expect(409);
    expect(refused.body).toMatchObject({ code: 'CONTRACT_OVERLAP', currentStatus: 'draft', conflictingContractId: first.id });
    const later = await api().draft(r.id, { startDate: '2027-01-01', endDate: '2027-06-30' });
    expect((await api().act(later.id, 'activate').expect(409)).body).toMatchObject({
      code: 'CONTRACT_ANOTHER_ACTIVE',
      conflictingContractId: first.id,
    });
    expect(await api().deliverables(later.id)).toHaveLength(0);
    // Terminated on 2026-03-31: from 2026-04-01 the dates are free again.
    await api().act(first.id, 'terminate', { effectiveDate: '2026-03-31', reason: 'Renegotiated' }).expect(200);
    await api().act(overlapping.id, 'activate').expect(200);
  });

  it('renews from the day after the end, copying the terms unless overridden; a second renew is 409', async () => {
    const r = await relationshipFixture(http(), ctx.owner);
    const first = await api().draft(r.id, { autoRenew: true, renewalTermMonths: 3, commissionRate: '10', notes: 'first term' });
    await api().act(first.id, 'activate').expect(200);
    const renewed = await api()
      .act(first.id, 'renew', { overrides: { retainerMonthly: '1200.00' } })
      .expect(201);
    expect(renewed.body).toMatchObject({
      status: 'draft',
      termNumber: 2,
      previousContractId: first.id,
      startDate: '2026-07-01',
      endDate: '2026-09-30',
      retainerMonthly: '1200.00',
      feePerDeliverable: '150.00',
      commissionRate: '10',
      autoRenew: true,
      renewalTermMonths: 3,
      notes: 'first term',
    });
    const again = await api().act(first.id, 'renew', {}).expect(409);
    expect(again.body).toMatchObject({ code: 'CONTRACT_ALREADY_RENEWED', nextContractId: renewed.body.id, currentStatus: 'active' });
    expect(
      (await api().relationship(r.id)).renewalChain.map((t: { termNumber: number; status: string; startDate: string }) => [
        t.termNumber,
        t.status,
        t.startDate,
      ]),
    ).toEqual([
      [1, 'active', '2026-01-01'],
      [2, 'draft', '2026-07-01'],
    ]);
    // The next term becomes active at rollover, not by hand while this one is active.
    expect((await api().act(renewed.body.id, 'activate').expect(409)).body.code).toBe('CONTRACT_ANOTHER_ACTIVE');
    await api().act(renewed.body.id, 'renew').expect(409, /draft/);
  });

  it('renews for the length of the current term, or to a given end date, and checks the overrides', async () => {
    const r = await relationshipFixture(http(), ctx.owner);
    const first = await api().draft(r.id);
    await api().act(first.id, 'activate').expect(200);
    await api()
      .act(first.id, 'renew', { overrides: { retainerMonthly: '1.001' } })
      .expect(400, /overrides.retainerMonthly/);
    await api()
      .act(first.id, 'renew', { endDate: '2026-07-01' })
      .expect(400, /endDate/);
    await api()
      .act(first.id, 'renew', { overrides: { startDate: '2026-07-02' } })
      .expect(400, /overrides.startDate/);
    const sameLength = await api().act(first.id, 'renew').expect(201);
    expect(sameLength.body).toMatchObject({ startDate: '2026-07-01', endDate: '2026-12-31' });
  });

  it('answers two concurrent renewals with one 201, one 409 and one new term', async () => {
    const r = await relationshipFixture(http(), ctx.owner);
    const first = await api().draft(r.id);
    await api().act(first.id, 'activate').expect(200);
    const responses = await Promise.all([
      api().act(first.id, 'renew', { endDate: '2026-12-31' }),
      api().act(first.id, 'renew', { endDate: '2026-12-31' }),
    ]);
    expect(responses.map((x) => x.status).sort()).toEqual([201, 409]);
    expect((await api().relationship(r.id)).renewalChain).toHaveLength(2);
  });
});
