import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { RequestContext, Role, ValidationException } from '@app/common';
import { ContractForDeliverables, DeliverablesService } from '@app/deliverables';
import { contractFixture, ContractFixture, useTestApp } from './support';

/** What the contracts context calls: exercised directly, as its activate/add/terminate use cases will. */
describe('DeliverablesService for contracts (e2e)', () => {
  const ctx = useTestApp();
  let fixture: ContractFixture;
  let contract: ContractForDeliverables;

  beforeAll(async () => {
    const plan = [{ type: 'post', platform: 'instagram', quantity: 1, per: 'month' } as const];
    fixture = await contractFixture(ctx.t, ctx.owner, {
      startDate: '2026-01-01',
      endDate: '2026-06-30',
      plan,
      currency: 'USD',
      feePerDeliverable: '200.0000',
    });
    contract = {
      id: fixture.contractId,
      relationshipId: fixture.relationshipId,
      startDate: '2026-01-01',
      endDate: '2026-06-30',
      feePerDeliverable: '200.0000',
      currency: 'USD',
      plan,
    };
  });

  const inTransaction = <T>(fn: (manager: EntityManager, service: DeliverablesService) => Promise<T>): Promise<T> =>
    RequestContext.run(() => ctx.t.app.get(DataSource).transaction((manager) => fn(manager, ctx.t.app.get(DeliverablesService))), {
      workspaceId: ctx.owner.workspaceId,
      role: Role.Owner,
      userId: ctx.owner.userId,
    });
  const activity = async (entityId: string) => {
    const client = new Client({ connectionString: ctx.t.databaseUrl });
    await client.connect();
    const { rows } = await client.query(
      `SELECT action, changes, relationship_id FROM activity_log WHERE entity_id = $1 ORDER BY created_at`,
      [entityId],
    );
    await client.end();
    return rows;
  };
  const get = async (id: string) => (await ctx.t.http.get(`/v1/deliverables/${id}`).set(ctx.owner.auth).expect(200)).body;

  it('records one activity entry on the contract for a generated plan', async () => {
    expect(await activity(fixture.contractId)).toEqual([
      {
        action: 'deliverables_generated',
        changes: { count: 6, firstDueDate: '2026-01-31', lastDueDate: '2026-06-30' },
        relationship_id: fixture.relationshipId,
      },
    ]);
  });

  it('adds a deliverable by hand inside the term, with the contract fee unless one is given', async () => {
    const id = await inTransaction((manager, service) =>
      service.addToContract(manager, contract, { type: 'story', platform: 'tiktok', dueDate: '2026-06-30', brief: 'Launch' }),
    );
    expect(await get(id)).toMatchObject({
      type: 'story',
      platform: 'tiktok',
      dueDate: '2026-06-30',
      brief: 'Launch',
      fee: '200.00',
      currency: 'USD',
      status: 'planned',
    });
    expect((await activity(id)).map((r) => r.action)).toEqual(['created']);
    const priced = await inTransaction((manager, service) =>
      service.addToContract(manager, contract, { type: 'live', platform: 'twitch', dueDate: '2026-01-01', fee: '0' }),
    );
    expect((await get(priced)).fee).toBe('0.00');
  });

  it.each([
    [{ dueDate: '2026-07-01' }, 'dueDate'],
    [{ dueDate: '2025-12-31' }, 'dueDate'],
    [{ fee: '1.001' }, 'fee'],
    [{ platform: 'myspace' }, 'platform'],
  ])('refuses %j with a validation error naming %s', async (override, field) => {
    const input = { type: 'post' as const, platform: 'instagram', dueDate: '2026-03-01', ...override };
    const error = await inTransaction((manager, service) => service.addToContract(manager, contract, input)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).errors).toEqual([expect.objectContaining({ field })]);
  });

  it('cancels the open deliverables due from a date on, and leaves the published and earlier ones', async () => {
    const list = async () =>
      (await ctx.t.http.get(`/v1/deliverables?contractId=${fixture.contractId}&limit=200`).set(ctx.owner.auth).expect(200)).body.data as {
        id: string;
        dueDate: string;
        status: string;
      }[];
    const before = await list();
    const [march, april] = ['2026-03-31', '2026-04-30'].map((date) => before.find((d) => d.dueDate === date)!);
    for (const [action, body] of [
      ['submit', { contentUrl: 'https://drive.example.com/m' }],
      ['approve', {}],
      ['publish', { postUrl: 'https://www.instagram.com/p/m/' }],
    ] as const) {
      await ctx.t.http.post(`/v1/deliverables/${april.id}/${action}`).set(ctx.owner.auth).send(body).expect(200);
    }
    await ctx.t.http
      .post(`/v1/deliverables/${march.id}/submit`)
      .set(ctx.owner.auth)
      .send({ contentUrl: 'https://drive.example.com/m' })
      .expect(200);

    const count = await inTransaction((manager, service) => service.cancelOpenFrom(manager, fixture.contractId, '2026-03-31'));

    const after = await list();
    expect(after.map((d) => [d.dueDate, d.status])).toEqual([
      ['2026-01-01', 'planned'],
      ['2026-01-31', 'planned'],
      ['2026-02-28', 'planned'],
      ['2026-03-31', 'cancelled'],
      ['2026-04-30', 'published'],
      ['2026-05-31', 'cancelled'],
      ['2026-06-30', 'cancelled'],
      ['2026-06-30', 'cancelled'],
    ]);
    expect(count).toBe(4);
    const [entry] = (await activity(fixture.contractId)).filter((r) => r.action === 'deliverables_cancelled');
    expect(entry.changes).toMatchObject({ fromDate: '2026-03-31', count: 4 });
    expect(entry.changes.deliverables).toContainEqual({ id: march.id, dueDate: '2026-03-31', from: 'submitted' });
    expect(await inTransaction((manager, service) => service.cancelOpenFrom(manager, fixture.contractId, '2026-03-31'))).toBe(0);
  });
});
