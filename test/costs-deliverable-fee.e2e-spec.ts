import { DataSource } from 'typeorm';
import { RequestContext, Role } from '@app/common';
import { CostsService } from '@app/costs';
import { contractFixture, ContractFixture, useTestApp } from './support';

const reels = { type: 'reel', platform: 'instagram', quantity: 2, per: 'month' } as const;

describe('deliverable fee on publish (e2e)', () => {
  const ctx = useTestApp();
  let fixture: ContractFixture;
  let ids: string[];

  beforeAll(async () => {
    fixture = await contractFixture(ctx.t, ctx.owner, {
      timezone: 'America/Los_Angeles',
      currency: 'USD',
      feePerDeliverable: '150.0000',
      startDate: '2026-01-01',
      endDate: '2026-03-31',
      plan: [reels],
    });
    ids = (
      await ctx.t.http.get(`/v1/deliverables?contractId=${fixture.contractId}&limit=200`).set(ctx.owner.auth).expect(200)
    ).body.data.map((d: { id: string }) => d.id);
  });

  const post = (id: string, action: string, body: object = {}) =>
    ctx.t.http.post(`/v1/deliverables/${id}/${action}`).set(ctx.owner.auth).send(body);
  const approve = async (id: string) => {
    await post(id, 'submit', { contentUrl: `https://drive.example.com/${id}` }).expect(200);
    await post(id, 'approve').expect(200);
  };
  const fees = async () =>
    (await ctx.t.http.get(`/v1/relationships/${fixture.relationshipId}/costs?kind=deliverable_fee`).set(ctx.owner.auth).expect(200)).body
      .data;
  const dirtyDays = async () =>
    (
      await ctx.t.app
        .get(DataSource)
        .query('SELECT day::text FROM rollup_dirty_days WHERE relationship_id = $1 ORDER BY day', [fixture.relationshipId])
    ).map((r: { day: string }) => r.day);
  // No worker runs here: the marks stay until a test clears them, as a rollup run would claim them.
  const clearDirtyDays = () =>
    ctx.t.app.get(DataSource).query('DELETE FROM rollup_dirty_days WHERE relationship_id = $1', [fixture.relationshipId]);

  it("records the fee once, on the publication day in the brand's time zone", async () => {
    await approve(ids[0]);
    await clearDirtyDays();
    // 05:00 UTC on the 16th is still the 15th in Los Angeles.
    await post(ids[0], 'publish', { postUrl: 'https://www.instagram.com/p/a/', publishedAt: '2026-01-16T05:00:00Z' }).expect(200);
    expect(await fees()).toEqual([
      expect.objectContaining({
        kind: 'deliverable_fee',
        amount: '150.00',
        currency: 'USD',
        incurredOn: '2026-01-15',
        sourceId: ids[0],
        contractId: fixture.contractId,
        relationshipId: fixture.relationshipId,
      }),
    ]);
    // The fee and the publication count on the 15th; the due date (the 16th) counts the deliverable on time.
    expect(await dirtyDays()).toEqual(['2026-01-15', '2026-01-16']);
    await post(ids[0], 'publish', { postUrl: 'https://www.instagram.com/p/a/' }).expect(409);
    expect(await fees()).toHaveLength(1);
  });

  it('records one fee when the same deliverable is published twice at once', async () => {
    await approve(ids[1]);
    const statuses = await Promise.all(
      [1, 2].map(() => post(ids[1], 'publish', { postUrl: 'https://www.instagram.com/p/b/', publishedAt: '2026-01-31T20:00:00Z' })),
    );
    expect(statuses.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await fees()).filter((f: { sourceId: string }) => f.sourceId === ids[1])).toHaveLength(1);
  });

  it('records nothing for a deliverable without a fee', async () => {
    await ctx.t.http.patch(`/v1/deliverables/${ids[2]}`).set(ctx.owner.auth).send({ fee: '0' }).expect(200);
    await approve(ids[2]);
    await clearDirtyDays();
    await post(ids[2], 'publish', { postUrl: 'https://www.instagram.com/p/c/', publishedAt: '2026-02-10T20:00:00Z' }).expect(200);
    expect((await fees()).map((f: { sourceId: string }) => f.sourceId).sort()).toEqual([ids[0], ids[1]].sort());
    // The deliverable's own days only (published the 10th, due the 14th); the fee list above shows no entry was made.
    expect(await dirtyDays()).toEqual(['2026-02-10', '2026-02-14']);
  });

  it('ignores a repeated fee for the same deliverable in the ledger itself (ON CONFLICT DO NOTHING)', async () => {
    const dataSource = ctx.t.app.get(DataSource);
    const fee = {
      deliverableId: ids[0],
      relationshipId: fixture.relationshipId,
      contractId: fixture.contractId,
      amount: '150.0000',
      currency: 'USD',
      incurredOn: '2026-01-20',
    };
    const again = await RequestContext.run(
      () => dataSource.transaction((manager) => ctx.t.app.get(CostsService).recordDeliverableFee(manager, fee)),
      { workspaceId: ctx.owner.workspaceId, role: Role.Owner, userId: ctx.owner.userId },
    );
    expect(again).toBeNull();
    expect(await fees()).toHaveLength(2);
    expect(await dirtyDays()).not.toContain('2026-01-20');
  });
});
