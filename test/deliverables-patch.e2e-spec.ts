import { contractFixture, ContractFixture, socialAccountBody, useTestApp } from './support';

describe('deliverable edits (e2e)', () => {
  const ctx = useTestApp();
  let fixture: ContractFixture;
  let pool: string[];

  beforeAll(async () => {
    const socialAccounts = [socialAccountBody(20_000), socialAccountBody(30_000, { platform: 'tiktok' })];
    const plan = [{ type: 'post', platform: 'instagram', quantity: 20, per: 'term' } as const];
    fixture = await contractFixture(ctx.t, ctx.owner, { startDate: '2026-01-01', endDate: '2026-12-31', plan, socialAccounts });
    pool = (
      await ctx.t.http.get(`/v1/deliverables?contractId=${fixture.contractId}&limit=200`).set(ctx.owner.auth).expect(200)
    ).body.data.map((d: { id: string }) => d.id);
  });

  it('edits a planned deliverable within the term and refuses once it is under review', async () => {
    const id = pool.shift()!;
    const patch = {
      brief: 'Unboxing',
      dueDate: '2026-12-31',
      type: 'reel',
      fee: '99.50',
      socialAccountId: fixture.socialAccounts.find((a) => a.platform === 'instagram')!.id,
    };
    expect((await ctx.t.http.patch(`/v1/deliverables/${id}`).set(ctx.owner.auth).send(patch).expect(200)).body).toMatchObject({
      ...patch,
      fee: '99.50',
    });
    expect(
      (await ctx.t.http.patch(`/v1/deliverables/${id}`).set(ctx.owner.auth).send({ brief: null, socialAccountId: null }).expect(200)).body,
    ).toMatchObject({ brief: null, socialAccountId: null });
    await ctx.t.http
      .post(`/v1/deliverables/${id}/submit`)
      .set(ctx.owner.auth)
      .send({ contentUrl: 'https://drive.example.com/x' })
      .expect(200);
    const refused = await ctx.t.http.patch(`/v1/deliverables/${id}`).set(ctx.owner.auth).send({ brief: 'Late change' }).expect(409);
    expect(refused.body).toMatchObject({ code: 'DELIVERABLE_NOT_EDITABLE', currentStatus: 'submitted' });
  });

  it.each([
    [{ dueDate: '2027-01-01' }, 'dueDate'],
    [{ dueDate: '2025-12-31' }, 'dueDate'],
    [{ dueDate: '2026-02-30' }, 'dueDate'],
    [{ fee: '10.005' }, 'fee'],
    [{ fee: '-1' }, 'fee'],
    [{ platform: 'myspace' }, 'platform'],
    [{ type: null }, 'type'],
    [{ status: 'published' }, 'status'],
    [{ socialAccountId: '00000000-0000-4000-8000-000000000000' }, 'socialAccountId'],
  ])('refuses PATCH %j with a 400 naming %s', async (body, field) => {
    const id = pool.shift()!;
    const response = await ctx.t.http.patch(`/v1/deliverables/${id}`).set(ctx.owner.auth).send(body).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('refuses a linked account on another platform than the deliverable', async () => {
    const id = pool.shift()!;
    const tiktok = fixture.socialAccounts.find((a) => a.platform === 'tiktok')!.id;
    const response = await ctx.t.http.patch(`/v1/deliverables/${id}`).set(ctx.owner.auth).send({ socialAccountId: tiktok }).expect(400);
    expect(response.body.errors[0]).toMatchObject({ field: 'socialAccountId' });
    await ctx.t.http.patch(`/v1/deliverables/${id}`).set(ctx.owner.auth).send({ socialAccountId: tiktok, platform: 'tiktok' }).expect(200);
  });
});
