import { EVENT_DATA_FIELDS, EventType, matchesEventField } from '@app/events';
import { JobName } from '@app/queue';
import { contractBody, conversionBody, payoutCalls, relationshipFixture, useTestWorker } from './support';

interface EventRow {
  type: string;
  subject_type: string;
  subject_id: string;
  data: Record<string, unknown>;
}

/**
 * Each catalogue event is recorded once by its action, in its transaction, with the documented data
 * (docs/webhooks.md); an action refused (and so rolled back) records nothing.
 */
describe('domain event catalogue (e2e)', () => {
  const ctx = useTestWorker('2026-03-15T12:00:00Z', { JOB_BACKOFF_MS: '10' });
  const eventsOf = async (subjectId: string): Promise<EventRow[]> =>
    ctx.db().query(`SELECT type, subject_type, subject_id, data FROM domain_events WHERE subject_id = $1 ORDER BY seq`, [subjectId]);
  const post = (url: string, body: object = {}) => ctx.t.http.post(url).set(ctx.owner.auth).send(body);

  it('records the relationship and contract lifecycle; a refused transition records nothing', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    expect(await eventsOf(relationship.id)).toEqual([
      {
        type: 'relationship.created',
        subject_type: 'relationship',
        subject_id: relationship.id,
        data: { relationshipId: relationship.id, brandId: relationship.brandId, influencerId: relationship.influencerId },
      },
    ]);
    const contract = (await post('/v1/contracts', contractBody(relationship.id, { autoRenew: true, renewalTermMonths: 6 })).expect(201))
      .body;
    await post(`/v1/contracts/${contract.id}/activate`).expect(200);
    await post(`/v1/contracts/${contract.id}/activate`).expect(409);
    await post(`/v1/contracts/${contract.id}/cancel-auto-renew`).expect(200);
    await post(`/v1/contracts/${contract.id}/terminate`, { effectiveDate: '2026-03-31', reason: 'Budget cut' }).expect(200);
    const base = { contractId: contract.id, relationshipId: relationship.id, startDate: '2026-01-01', endDate: '2026-06-30' };
    expect((await eventsOf(contract.id)).map((e) => [e.type, e.data])).toEqual([
      ['contract.created', { ...base, status: 'draft' }],
      ['contract.activated', { ...base, status: 'active' }],
      ['contract.auto_renew_cancelled', { ...base, status: 'active' }],
      ['contract.terminated', { ...base, status: 'terminated', terminationDate: '2026-03-31', reason: 'Budget cut' }],
    ]);
  });

  it('records the deliverable workflow and its metrics', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const contract = (await post('/v1/contracts', contractBody(relationship.id)).expect(201)).body;
    const deliverable = (
      await post('/v1/deliverables', { contractId: contract.id, type: 'reel', platform: 'instagram', dueDate: '2026-03-20' }).expect(201)
    ).body;
    await post(`/v1/deliverables/${deliverable.id}/submit`, { contentUrl: 'https://drive.example.com/1' }).expect(200);
    await post(`/v1/deliverables/${deliverable.id}/request-changes`, { comment: 'Brighter' }).expect(200);
    await post(`/v1/deliverables/${deliverable.id}/submit`, { contentUrl: 'https://drive.example.com/2' }).expect(200);
    await post(`/v1/deliverables/${deliverable.id}/approve`).expect(200);
    await post(`/v1/deliverables/${deliverable.id}/publish`, {
      postUrl: 'https://www.instagram.com/p/C0ffee/',
      publishedAt: '2026-03-14T10:00:00Z',
    }).expect(200);
    await post(`/v1/deliverables/${deliverable.id}/metrics`, { likes: 10, capturedAt: '2026-03-15T10:00:00Z' }).expect(201);
    const base = { deliverableId: deliverable.id, contractId: contract.id, relationshipId: relationship.id };
    expect((await eventsOf(deliverable.id)).map((e) => [e.type, e.data])).toEqual([
      ['deliverable.submitted', { ...base, status: 'submitted' }],
      ['deliverable.changes_requested', { ...base, status: 'changes_requested' }],
      ['deliverable.submitted', { ...base, status: 'submitted' }],
      ['deliverable.approved', { ...base, status: 'approved' }],
      [
        'deliverable.published',
        { ...base, status: 'published', postUrl: 'https://www.instagram.com/p/C0ffee/', publishedAt: '2026-03-14T10:00:00.000Z' },
      ],
      ['deliverable.metrics_added', { ...base, status: 'published', capturedAt: '2026-03-15T10:00:00.000Z' }],
    ]);
  });

  it('records conversions created (a batch in one statement), reversed, voided, approved with their commission, and costs', async () => {
    const relationship = await relationshipFixture(ctx.t.http, ctx.owner);
    const contract = (await post('/v1/contracts', contractBody(relationship.id, { commissionRate: '10' })).expect(201)).body;
    await post(`/v1/contracts/${contract.id}/activate`).expect(200);
    const batch = await post('/v1/conversions/batch', {
      conversions: [1, 2, 3].map(() => conversionBody({ relationshipId: relationship.id })),
    }).expect(200);
    expect(batch.body.accepted).toBe(3);
    const created: EventRow[] = await ctx
      .db()
      .query(
        `SELECT type, subject_type, subject_id, data FROM domain_events WHERE type = 'conversion.created' AND data->>'relationshipId' = $1`,
        [relationship.id],
      );
    expect(created).toHaveLength(3);
    const [first, second] = created.map((e) => e.subject_id);
    expect(created[0].data).toEqual({
      conversionId: first,
      relationshipId: relationship.id,
      status: 'pending',
      netAmount: '90.00',
      currency: 'EUR',
      occurredAt: '2026-03-10T11:00:00.000Z',
    });
    await post(`/v1/conversions/${first}/reverse`, { amount: '30.00', reason: 'Partial refund' }).expect(200);
    await post(`/v1/conversions/${second}/void`, { reason: 'Test order' }).expect(200);
    expect((await eventsOf(first)).map((e) => e.type)).toEqual(['conversion.created', 'conversion.reversed']);
    expect((await eventsOf(first))[1].data).toMatchObject({ reversedAmount: '30.00', status: 'pending' });
    expect((await eventsOf(second)).map((e) => e.type)).toEqual(['conversion.created', 'conversion.voided']);

    // 40 days on: costs.accrue approves the third with its commission, and accrues retainer days.
    ctx.clock.set('2026-04-25T12:00:00Z');
    await ctx.run(JobName.CostsAccrue);
    const third = created[2].subject_id;
    expect((await eventsOf(third)).map((e) => e.type)).toEqual(['conversion.created', 'conversion.approved']);
    const commission: EventRow[] = await ctx
      .db()
      .query(
        `SELECT type, subject_type, subject_id, data FROM domain_events WHERE type = 'commission.created' AND data->>'conversionId' = $1`,
        [third],
      );
    expect(commission).toEqual([
      expect.objectContaining({
        subject_type: 'cost',
        data: expect.objectContaining({ amount: '9.00', currency: 'EUR', relationshipId: relationship.id }),
      }),
    ]);
    const retainer = await ctx
      .db()
      .query(
        `SELECT count(*)::int AS n FROM domain_events WHERE type = 'cost.recorded' AND data->>'relationshipId' = $1 AND data->>'kind' = 'retainer'`,
        [relationship.id],
      );
    const entries = await ctx
      .db()
      .query(`SELECT count(*)::int AS n FROM cost_entries WHERE relationship_id = $1 AND kind = 'retainer'`, [relationship.id]);
    expect(retainer[0].n).toBeGreaterThan(0);
    expect(retainer[0].n).toBe(entries[0].n);

    const cost = (
      await post(`/v1/relationships/${relationship.id}/costs`, { kind: 'product', amount: '49.90', description: 'Tent' }).expect(201)
    ).body;
    expect((await eventsOf(cost.id)).map((e) => [e.type, e.data])).toEqual([
      ['cost.recorded', { costId: cost.id, relationshipId: relationship.id, amount: '49.90', currency: 'EUR', kind: 'product' }],
    ]);
  });

  it('records a payout run created and its payouts approved, paid, failed and cancelled; a refused transition records nothing', async () => {
    ctx.clock.set('2026-05-10T12:00:00Z');
    const { earn, run, payouts, act } = payoutCalls(ctx.t.http, ctx.owner);
    const relationships = [];
    for (let i = 0; i < 3; i++) relationships.push(await relationshipFixture(ctx.t.http, ctx.owner));
    for (const r of relationships) await earn(r.id, '120.00', '2026-05-01');
    const created = await run('2026-05-09');
    const [runEvent] = await eventsOf(created.id);
    const [{ n }] = await ctx.db().query(`SELECT count(*)::int AS n FROM payouts WHERE run_id = $1`, [created.id]);
    expect(runEvent).toEqual({
      type: 'payout_run.created',
      subject_type: 'payout_run',
      subject_id: created.id,
      data: { runId: created.id, brandId: null, periodEnd: '2026-05-09', payouts: n },
    });
    const all = await payouts({ runId: created.id });
    const [paid, failed, cancelled] = relationships.map((r) => all.find((p) => p.influencerId === r.influencerId)!);
    await act(`payouts/${paid.id}`, 'approve').expect(200);
    await act(`payouts/${paid.id}`, 'mark-paid', { reference: 'BATCH-7', paidAt: '2026-05-10T09:30:00Z' }).expect(200);
    await act(`payouts/${failed.id}`, 'approve').expect(200);
    await act(`payouts/${failed.id}`, 'fail', { reason: 'Account closed' }).expect(200);
    await act(`payouts/${cancelled.id}`, 'cancel', { reason: 'Paid by hand' }).expect(200);
    await act(`payouts/${cancelled.id}`, 'mark-paid', { reference: 'X' }).expect(409);
    const base = (p: typeof paid, status: string) => ({
      payoutId: p.id,
      runId: created.id,
      influencerId: p.influencerId,
      status,
      amount: '120.00',
      currency: 'EUR',
    });
    const types = async (p: typeof paid) => (await eventsOf(p.id)).map((e) => [e.type, e.data]);
    expect(await types(paid)).toEqual([
      ['payout.approved', base(paid, 'approved')],
      ['payout.paid', { ...base(paid, 'paid'), paidAt: '2026-05-10T09:30:00.000Z', reference: 'BATCH-7' }],
    ]);
    expect(await types(failed)).toEqual([
      ['payout.approved', base(failed, 'approved')],
      ['payout.failed', { ...base(failed, 'failed'), reason: 'Account closed' }],
    ]);
    expect(await types(cancelled)).toEqual([['payout.cancelled', { ...base(cancelled, 'cancelled'), reason: 'Paid by hand' }]]);
  });

  // Last: every event the tests above recorded, read back against the schema the OpenAPI document publishes.
  it('records every event with exactly the fields its schema (EVENT_DATA_FIELDS, in /docs) lists, each of its kind', async () => {
    const rows: EventRow[] = await ctx.db().query(`SELECT type, subject_type, subject_id, data FROM domain_events ORDER BY seq`);
    expect(new Set(rows.map((r) => r.type)).size).toBeGreaterThan(20);
    const wrong = rows.flatMap((row) => {
      const fields = EVENT_DATA_FIELDS[row.type as EventType];
      if (!fields) return [`${row.type}: not in the catalogue`];
      const keys = Object.keys(row.data).sort();
      if (keys.join() !== Object.keys(fields).sort().join()) return [`${row.type}: fields ${keys.join()}`];
      return Object.entries(fields)
        .filter(([name, field]) => !matchesEventField(field, row.data[name]))
        .map(([name, field]) => `${row.type}.${name}: ${JSON.stringify(row.data[name])} is not ${field}`);
    });
    expect(wrong).toEqual([]);
  });
});
