import { JobName } from '@app/queue';
import { RollupsService } from '@app/rollups';
import { contractFixture, ContractFixture, conversionBody, relationshipFixture, rollupsSettled, statRows, useTestWorker } from './support';

const posts = { type: 'post', platform: 'instagram', quantity: 2, per: 'term' } as const;

/**
 * Writes of every kind through the API, the rollup jobs run by the worker (enqueued after each commit,
 * debounced), and the exact rows of relationship_daily_stats. Paris and Los Angeles: 23:30 UTC is the next
 * day in one and the same day in the other. Each plan has two posts, due on the 16th and the 31st.
 */
describe('rollups: incremental recompute after each kind of write (e2e)', () => {
  const ctx = useTestWorker('2026-03-19T23:30:00Z', { ROLLUP_DEBOUNCE_MS: '300' });
  let paris: ContractFixture;
  let la: ContractFixture;
  let parisDeliverables: string[];
  let laDeliverables: string[];

  const rows = (relationshipId: string) => statRows(ctx.db(), relationshipId);
  const post = (path: string, body: object = {}, status = 200) => ctx.t.http.post(path).set(ctx.owner.auth).send(body).expect(status);
  const settled = () => rollupsSettled(ctx.db());
  const deliverablesOf = async (contractId: string): Promise<string[]> =>
    (await ctx.t.http.get(`/v1/deliverables?contractId=${contractId}`).set(ctx.owner.auth).expect(200)).body.data.map(
      (d: { id: string }) => d.id,
    );
  const publish = async (id: string, publishedAt: string) => {
    await post(`/v1/deliverables/${id}/submit`, { contentUrl: `https://drive.example.com/${id}` });
    await post(`/v1/deliverables/${id}/approve`);
    await post(`/v1/deliverables/${id}/publish`, { postUrl: `https://www.instagram.com/p/${id}/`, publishedAt });
  };

  beforeAll(async () => {
    const term = { startDate: '2026-03-01', endDate: '2026-03-31', plan: [posts] };
    paris = await contractFixture(ctx.t, ctx.owner, { ...term, timezone: 'Europe/Paris', currency: 'EUR' });
    la = await contractFixture(ctx.t, ctx.owner, { ...term, timezone: 'America/Los_Angeles', currency: 'USD' });
    parisDeliverables = await deliverablesOf(paris.contractId);
    laDeliverables = await deliverablesOf(la.contractId);
  });

  it('counts the planned deliverables on their due dates once the plan is generated', async () => {
    await settled();
    const planned = [
      { day: '2026-03-16', deliverables_due: '1' },
      { day: '2026-03-31', deliverables_due: '1' },
    ];
    expect(await rows(paris.relationshipId)).toEqual(planned);
    expect(await rows(la.relationshipId)).toEqual(planned);
  });

  it("puts a conversion and its refund on their own days in each brand's time zone", async () => {
    const at = '2026-03-10T23:30:00Z';
    const eur = (await post('/v1/conversions', conversionBody({ relationshipId: paris.relationshipId, occurredAt: at }), 201)).body;
    const usd = (await post('/v1/conversions', conversionBody({ relationshipId: la.relationshipId, occurredAt: at, currency: 'USD' }), 201))
      .body;
    // Now is 19 March 23:30 UTC: already the 20th in Paris, still the 19th in Los Angeles.
    await post(`/v1/conversions/${eur.id}/reverse`, { amount: '25.50', reason: 'Returned' });
    await post(`/v1/conversions/${usd.id}/reverse`, { amount: '0.01', reason: 'Rounding' });
    await settled();

    expect(await rows(paris.relationshipId)).toEqual([
      { day: '2026-03-11', conversions: '1', revenue: '90.0000' },
      { day: '2026-03-16', deliverables_due: '1' },
      { day: '2026-03-20', reversals: '25.5000' },
      { day: '2026-03-31', deliverables_due: '1' },
    ]);
    expect(await rows(la.relationshipId)).toEqual([
      { day: '2026-03-10', conversions: '1', revenue: '90.0000' },
      { day: '2026-03-16', deliverables_due: '1' },
      { day: '2026-03-19', reversals: '0.0100' },
      { day: '2026-03-31', deliverables_due: '1' },
    ]);
  });

  it('adds hand-entered costs and corrections by kind on their day', async () => {
    await post(`/v1/relationships/${paris.relationshipId}/costs`, { kind: 'product', amount: '49.90', incurredOn: '2026-03-05' }, 201);
    await post(
      `/v1/relationships/${paris.relationshipId}/costs`,
      { kind: 'other', amount: '-10.00', incurredOn: '2026-03-05', description: 'Sample box returned' },
      201,
    );
    await settled();

    expect((await rows(paris.relationshipId))[0]).toEqual({ day: '2026-03-05', spend_product: '49.9000', spend_other: '-10.0000' });
  });

  it('counts a publication on its day (fee, audience) and judges it against the due date, on time or late', async () => {
    // 23:30 on the 17th in Paris: a day late. 23:30 on the 16th in Los Angeles: on time, and published the day it was due.
    await publish(parisDeliverables[0], '2026-03-17T22:30:00Z');
    await publish(laDeliverables[0], '2026-03-17T06:30:00Z');
    await settled();

    expect((await rows(paris.relationshipId)).filter((r) => r.day === '2026-03-16' || r.day === '2026-03-17')).toEqual([
      { day: '2026-03-16', deliverables_due: '1', deliverables_late: '1' },
      { day: '2026-03-17', deliverables_published: '1', spend_deliverable_fee: '150.0000' },
    ]);
    expect((await rows(la.relationshipId)).find((r) => r.day === '2026-03-16')).toEqual({
      day: '2026-03-16',
      deliverables_due: '1',
      deliverables_on_time: '1',
      deliverables_published: '1',
      spend_deliverable_fee: '150.0000',
    });
  });

  it('takes the metrics of the latest snapshot by capture time, with EMV at the workspace rates', async () => {
    const metrics = (body: object) => post(`/v1/deliverables/${parisDeliverables[0]}/metrics`, body, 201);
    const published = async () => (await rows(paris.relationshipId)).find((r) => r.day === '2026-03-17');

    await metrics({
      impressions: 1000,
      reach: 800,
      views: 500,
      likes: 100,
      comments: 10,
      shares: 5,
      saves: 3,
      clicks: 7,
      capturedAt: '2026-03-18T10:00:00Z',
    });
    await settled();
    // EMV: 1000×0.005 + 500×0.02 + 100×0.10 + 10×0.50 + 5×0.75 + 3×0.50 + 7×0.90 = 41.55. Audience: the 25,000-follower account.
    const counted = {
      day: '2026-03-17',
      deliverables_published: '1',
      spend_deliverable_fee: '150.0000',
      impressions: '1000',
      reach: '800',
      views: '500',
      engagements: '118',
      clicks: '7',
      engagement_followers: '25000',
      emv: '41.5500',
    };
    expect(await published()).toEqual(counted);

    await metrics({ impressions: 9, capturedAt: '2026-03-18T09:00:00Z' });
    await settled();
    expect(await published()).toEqual(counted);

    await metrics({ impressions: 2000, capturedAt: '2026-03-19T10:00:00Z' });
    await settled();
    expect(await published()).toEqual({
      day: '2026-03-17',
      deliverables_published: '1',
      spend_deliverable_fee: '150.0000',
      impressions: '2000',
      engagement_followers: '25000',
      emv: '10.0000',
    });
  });

  it('moves a deliverable to its new due date and drops a cancelled one, deleting rows left empty', async () => {
    const due = async () => (await rows(paris.relationshipId)).filter((r) => r.deliverables_due && !r.deliverables_late);

    await ctx.t.http.patch(`/v1/deliverables/${parisDeliverables[1]}`).set(ctx.owner.auth).send({ dueDate: '2026-03-25' }).expect(200);
    await settled();
    expect(await due()).toEqual([{ day: '2026-03-25', deliverables_due: '1' }]);

    await post(`/v1/deliverables/${parisDeliverables[1]}/cancel`);
    await settled();
    expect(await due()).toEqual([]);
    expect((await rows(paris.relationshipId)).map((r) => r.day)).toEqual([
      '2026-03-05',
      '2026-03-11',
      '2026-03-16',
      '2026-03-17',
      '2026-03-20',
    ]);
  });

  it("counts a deliverable the worker's scan marks missed once rollups.sweep picks up the scan's marks", async () => {
    ctx.clock.set('2026-04-09T12:00:00Z');
    await ctx.run(JobName.DeliverablesScan);
    expect(
      (await ctx.db().query('SELECT day::text FROM rollup_dirty_days WHERE relationship_id = $1', [la.relationshipId])).map(
        (r: { day: string }) => r.day,
      ),
    ).toEqual(['2026-03-31']);

    await ctx.run(JobName.RollupsSweep);
    expect((await rows(la.relationshipId)).at(-1)).toEqual({ day: '2026-03-31', deliverables_due: '1', deliverables_missed: '1' });
  });

  it('debounces many writes into few jobs, and the rows are still exact', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const recompute = jest.spyOn(ctx.worker.get(RollupsService), 'recompute');
    try {
      const times = Array.from({ length: 10 }, (_, i) => `2026-03-12T${String(8 + i).padStart(2, '0')}:00:00Z`);
      await Promise.all(
        times.map((occurredAt) => post('/v1/conversions', conversionBody({ relationshipId: relationship.id, occurredAt }), 201)),
      );
      await settled();

      expect(await rows(relationship.id)).toEqual([{ day: '2026-03-12', conversions: '10', revenue: '900.0000' }]);
      const jobs = recompute.mock.calls.filter(([ids]) => ids.includes(relationship.id)).length;
      expect(jobs).toBeGreaterThanOrEqual(1);
      expect(jobs).toBeLessThan(10);
    } finally {
      recompute.mockRestore();
    }
  });

  it('leaves nothing for the nightly reconcile to fix', async () => {
    expect(await ctx.run(JobName.RollupsReconcile)).toMatchObject({ differed: 0, inserted: 0, updated: 0, deleted: 0 });
  });
});
