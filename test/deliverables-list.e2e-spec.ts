import { Clock, FixedClock } from '@app/common';
import { contractFixture, ContractFixture, useTestApp } from './support';

// 12:00 UTC on 10 March 2026 is already 01:00 on the 11th in Auckland (UTC+13) but 05:00 on the 10th in Los Angeles (UTC-7).
const clock = new FixedClock(new Date('2026-03-10T12:00:00Z'));
const onePostDueMarch10 = {
  startDate: '2026-02-11',
  endDate: '2026-03-10',
  plan: [{ type: 'post', platform: 'instagram', quantity: 1, per: 'term' } as const],
};

describe('deliverable lists (e2e)', () => {
  const ctx = useTestApp({}, (builder) => builder.overrideProvider(Clock).useValue(clock));
  let auckland: ContractFixture;
  let losAngeles: ContractFixture;
  let monthly: ContractFixture;

  beforeAll(async () => {
    auckland = await contractFixture(ctx.t, ctx.owner, { ...onePostDueMarch10, timezone: 'Pacific/Auckland', currency: 'NZD' });
    losAngeles = await contractFixture(ctx.t, ctx.owner, { ...onePostDueMarch10, timezone: 'America/Los_Angeles', currency: 'USD' });
    monthly = await contractFixture(ctx.t, ctx.owner, {
      startDate: '2026-01-01',
      endDate: '2026-06-30',
      plan: [{ type: 'story', platform: 'instagram', quantity: 2, per: 'month' }],
      currency: 'JPY',
      feePerDeliverable: '5000',
    });
  });
  beforeEach(() => clock.set('2026-03-10T12:00:00Z'));

  type Row = { id: string; contractId: string; dueDate: string; status: string; overdue: boolean; fee: string };
  const list = async (query: string): Promise<Row[]> =>
    (await ctx.t.http.get(`/v1/deliverables?limit=200&${query}`).set(ctx.owner.auth).expect(200)).body.data;
  const contractsOf = (rows: Row[]) => [...new Set(rows.map((r) => r.contractId))].sort();

  it("judges overdue by each brand's own today at the same instant", async () => {
    const overdue = await list(`overdue=true&dueBefore=2026-03-11&brandId=${auckland.brandId}`);
    expect(overdue).toEqual([expect.objectContaining({ dueDate: '2026-03-10', overdue: true })]);
    expect(contractsOf(await list('overdue=true'))).not.toContain(losAngeles.contractId);
    const notYet = await list(`overdue=false&contractId=${losAngeles.contractId}`);
    expect(notYet).toEqual([expect.objectContaining({ dueDate: '2026-03-10', overdue: false })]);

    clock.set('2026-03-11T08:00:00Z'); // 01:00 on the 11th in Los Angeles
    expect(contractsOf(await list('overdue=true'))).toEqual(expect.arrayContaining([auckland.contractId, losAngeles.contractId]));
  });

  it('never counts a published or cancelled deliverable as overdue', async () => {
    const [row] = await list(`contractId=${auckland.contractId}`);
    await ctx.t.http.post(`/v1/deliverables/${row.id}/cancel`).set(ctx.owner.auth).expect(200);
    expect(await list(`overdue=true&contractId=${auckland.contractId}`)).toEqual([]);
    expect((await ctx.t.http.get(`/v1/deliverables/${row.id}`).set(ctx.owner.auth).expect(200)).body).toMatchObject({
      status: 'cancelled',
      overdue: false,
      fee: '150.00',
      currency: 'NZD',
    });
  });

  it('filters by contract, brand, influencer, relationship, status and due date', async () => {
    expect(await list(`contractId=${monthly.contractId}`)).toHaveLength(12);
    expect(contractsOf(await list(`brandId=${losAngeles.brandId}`))).toEqual([losAngeles.contractId]);
    expect(contractsOf(await list(`influencerId=${monthly.influencerId}`))).toEqual([monthly.contractId]);
    expect(contractsOf(await list(`relationshipId=${losAngeles.relationshipId}`))).toEqual([losAngeles.contractId]);
    const early = await list(`contractId=${monthly.contractId}&dueBefore=2026-02-28`);
    expect(early.map((r) => r.dueDate)).toEqual(['2026-01-16', '2026-01-31', '2026-02-14']);
    expect(early[0].fee).toBe('5000');

    await ctx.t.http
      .post(`/v1/deliverables/${early[0].id}/submit`)
      .set(ctx.owner.auth)
      .send({ contentUrl: 'https://drive.example.com/s' })
      .expect(200);
    await ctx.t.http.post(`/v1/deliverables/${early[1].id}/cancel`).set(ctx.owner.auth).expect(200);
    const statuses = (rows: Row[]) => rows.map((r) => r.status);
    expect(statuses(await list(`contractId=${monthly.contractId}&status=submitted`))).toEqual(['submitted']);
    expect(statuses(await list(`contractId=${monthly.contractId}&status=submitted,cancelled`))).toEqual(['submitted', 'cancelled']);
    expect(statuses(await list(`contractId=${monthly.contractId}&status=cancelled&status=submitted`))).toEqual(['submitted', 'cancelled']);
    // Before 10 March in Paris, four are past due; the cancelled one no longer counts.
    expect(await list(`contractId=${monthly.contractId}&overdue=true`)).toHaveLength(3);
  });

  it('pages in due-date order with an opaque cursor', async () => {
    const seen: Row[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Row[]; nextCursor: string | null } } = await ctx.t.http
        .get(`/v1/deliverables?contractId=${monthly.contractId}&limit=5${cursor ? `&cursor=${cursor}` : ''}`)
        .set(ctx.owner.auth)
        .expect(200);
      expect(page.body.data.length).toBeLessThanOrEqual(5);
      seen.push(...page.body.data);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(12);
    expect(new Set(seen.map((r) => r.id)).size).toBe(12);
    expect(seen.map((r) => r.dueDate)).toEqual([...seen.map((r) => r.dueDate)].sort());
  });

  it.each([
    ['cursor=garbage', 'cursor'],
    [
      `cursor=${Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'])).toString('base64url')}`,
      'cursor',
    ],
    ['status=lost', 'status'],
    ['overdue=yes', 'overdue'],
    ['dueBefore=2026-13-01', 'dueBefore'],
    ['brandId=42', 'brandId'],
    ['limit=500', 'limit'],
    ['tier=nano', 'tier'],
  ])('refuses ?%s with a 400 naming %s', async (query, field) => {
    const response = await ctx.t.http.get(`/v1/deliverables?${query}`).set(ctx.owner.auth).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });
});
