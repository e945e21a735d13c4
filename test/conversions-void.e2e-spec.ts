import { ReverseConversion } from '@app/attribution';
import { RequestContext, Role } from '@app/common';
import { QuarterlyReportsService } from '@app/reports';
import { JobName } from '@app/queue';
import { ReconcileResult } from '@app/rollups';
import { apiKeySession, conversionBody, signup, statRows, useAccrualWorker } from './support';

/**
 * POST /v1/conversions/:id/void with the worker's jobs run by the test (rollups queue paused): the void leaves
 * the order day and the refunds' days, takes approved commission back on its own day, and a closed quarter
 * shows it as an adjustment.
 */
describe('conversions: void (e2e: real PostgreSQL and Redis, FixedClock)', () => {
  const ctx = useAccrualWorker('2026-03-10T12:00:00Z');
  const { activeTerm, q } = ctx;
  const http = () => ctx.t.http;
  const ingest = (body: Record<string, unknown>) => http().post('/v1/conversions').set(ctx.owner.auth).send(body).expect(201);
  const voidIt = (id: string, body: object = { reason: 'Test order' }, auth = ctx.owner.auth) =>
    http().post(`/v1/conversions/${id}/void`).set(auth).send(body);
  const reverse = (id: string, amount?: string) =>
    http().post(`/v1/conversions/${id}/reverse`).set(ctx.owner.auth).send({ amount, reason: 'Returned' });
  const sweep = () => ctx.run(JobName.RollupsSweep);
  const commissionOf = (relationshipId: string) =>
    q<{ day: string; amount: string }>(
      `SELECT incurred_on::text AS day, amount::text FROM cost_entries WHERE kind = 'commission' AND relationship_id = $1 ORDER BY created_at, amount`,
      [relationshipId],
    );

  let term: { id: string; relationshipId: string };
  let brandId: string;
  const ids = { kept: '', voided: '' };

  it('takes a partly refunded, approved conversion out of its order day, its refunds, the figures and the report; commission back on the void day', async () => {
    term = await activeTerm({ startDate: '2026-03-01', endDate: '2026-08-31', retainerMonthly: '0', commissionRate: '10' });
    brandId = (await http().get(`/v1/relationships/${term.relationshipId}`).set(ctx.owner.auth).expect(200)).body.brandId;
    // Net 90.00 each (100.00 − 10.00), on 10 March in Paris; commission 9.00 each once approved.
    ids.kept = (await ingest(conversionBody({ relationshipId: term.relationshipId }))).body.id;
    const voidedBody = conversionBody({ relationshipId: term.relationshipId });
    ids.voided = (await ingest(voidedBody)).body.id;
    ctx.clock.set('2026-03-20T10:00:00Z');
    await reverse(ids.voided, '30.00').expect(200);
    ctx.clock.set('2026-04-09T11:00:00Z');
    await ctx.accrue();
    ctx.clock.set('2026-04-12T10:00:00Z');
    // A refund after approval whose negative entry costs.accrue writes only after the void.
    await reverse(ids.voided, '15.00').expect(200);
    await sweep();
    const reports = ctx.t.app.get(QuarterlyReportsService);
    const q1 = await reports.snapshot(ctx.owner.workspaceId, brandId, '2026-Q1');
    expect(q1.report.totals).toMatchObject({ revenue: '180.00', reversals: '30.00', netRevenue: '150.00', conversions: 2 });

    ctx.clock.set('2026-05-05T09:00:00Z');
    const { body } = await voidIt(ids.voided, { reason: 'Duplicate of order 1001' }).expect(200);
    expect(body).toMatchObject({
      id: ids.voided,
      status: 'voided',
      voidedAt: '2026-05-05T09:00:00.000Z',
      voidedByUserId: ctx.owner.userId,
      voidedByApiKeyId: null,
      voidReason: 'Duplicate of order 1001',
      netAmount: '90.00',
      reversedAmount: '45.00',
    });
    // Marked: the order day, both refunds' days and the void day (its commission entry).
    const marks = await q<{ day: string }>(`SELECT DISTINCT day::text FROM rollup_dirty_days WHERE relationship_id = $1 ORDER BY 1`, [
      term.relationshipId,
    ]);
    expect(marks.map((m) => m.day)).toEqual(['2026-03-10', '2026-03-20', '2026-04-12', '2026-05-05']);
    await ctx.accrue();
    // 6.00 at approval (90 − 30 refunded), −1.50 for the later refund, −4.50 = −commission(90 − 45) on the void day: 0 in all.
    expect(await commissionOf(term.relationshipId)).toEqual([
      { day: '2026-04-09', amount: '6.0000' },
      { day: '2026-04-09', amount: '9.0000' },
      { day: '2026-05-05', amount: '-4.5000' },
      { day: '2026-04-12', amount: '-1.5000' },
    ]);

    await sweep();
    expect(await statRows(ctx.db(), term.relationshipId)).toEqual([
      { day: '2026-03-10', conversions: '1', revenue: '90.0000', commission: '9.0000' },
      { day: '2026-04-09', spend_commission: '15.0000' },
      { day: '2026-04-12', spend_commission: '-1.5000' },
      { day: '2026-05-05', spend_commission: '-4.5000' },
    ]);
    const { figures } = (await http().get(`/v1/relationships/${term.relationshipId}`).set(ctx.owner.auth).expect(200)).body;
    expect(figures).toMatchObject({ revenue: '90.00', reversals: '0.00', netRevenue: '90.00', conversions: 1, spend: '9.00' });
    const march = (
      await http()
        .get(`/v1/relationships/${term.relationshipId}/performance?from=2026-03-01&to=2026-03-31&granularity=month`)
        .set(ctx.owner.auth)
        .expect(200)
    ).body.totals;
    expect(march).toMatchObject({ revenue: '90.00', reversals: '0.00', conversions: 1 });

    // Q1 keeps its snapshot; the void shows in later reports as Q1's adjustment, as anything changed under a closed quarter.
    expect((await reports.get(ctx.owner.workspaceId, brandId, '2026-Q1')).totals).toEqual(q1.report.totals);
    const q2 = await reports.get(ctx.owner.workspaceId, brandId, '2026-Q2');
    expect(q2.totals).toMatchObject({ revenue: '0.00', reversals: '0.00', spend: '9.00' });
    expect(q2.adjustments).toEqual([{ quarter: '2026-Q1', netRevenue: '-60.00', spend: '0.00', conversions: -1 }]);

    const reconciled = (await ctx.run(JobName.RollupsReconcile)) as ReconcileResult;
    expect(reconciled.differed).toBe(0);

    // The same order sent again finds the voided row under its (source, externalId): 200, still voided, nothing counted.
    const resent = await http().post('/v1/conversions').set(ctx.owner.auth).send(voidedBody).expect(200);
    expect(resent.body).toMatchObject({ id: ids.voided, status: 'voided' });
    expect(await q(`SELECT 1 FROM rollup_dirty_days WHERE relationship_id = $1`, [term.relationshipId])).toEqual([]);
  });

  it('records the void in the activity log, with who and why', async () => {
    const { data } = (await http().get(`/v1/relationships/${term.relationshipId}/activity`).set(ctx.owner.auth).expect(200)).body;
    expect(data.find((e: { action: string }) => e.action === 'voided')).toMatchObject({
      entityType: 'conversion',
      entityId: ids.voided,
      actorUserId: ctx.owner.userId,
      changes: {
        status: { from: 'approved', to: 'voided' },
        reason: 'Duplicate of order 1001',
        commissionEntryId: expect.any(String),
      },
    });
  });

  it('refuses a second void and a refund of a voided conversion (409), leaving the row as it was', async () => {
    const before = (await http().get(`/v1/conversions/${ids.voided}`).set(ctx.owner.auth).expect(200)).body;
    const again = await voidIt(ids.voided).expect(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body).toMatchObject({ code: 'CONVERSION_VOIDED', voidedAt: '2026-05-05T09:00:00.000Z' });
    expect((await reverse(ids.voided).expect(409)).body.code).toBe('CONVERSION_VOIDED');
    expect((await http().get(`/v1/conversions/${ids.voided}`).set(ctx.owner.auth).expect(200)).body).toEqual(before);
    expect(await commissionOf(term.relationshipId)).toHaveLength(4);
  });

  it('acknowledges a Shopify refund of a voided conversion (capped to what is left: nothing) so Shopify does not retry, and records nothing', async () => {
    const reverseConversion = ctx.t.app.get(ReverseConversion);
    const actor = { workspaceId: ctx.owner.workspaceId, role: Role.Manager };
    const refund = { amount: '10.00', reason: 'Shopify refund', externalId: 'refund-9001', capToRemaining: true };
    const answer = await RequestContext.run(() => reverseConversion.execute(ids.voided, refund), actor);
    expect(answer).toMatchObject({ status: 'voided', reversedAmount: '45.0000' });
    expect(await q(`SELECT 1 FROM conversion_reversals WHERE external_id = 'refund-9001'`)).toEqual([]);
  });

  it('voids a pending conversion before approval: no commission is ever booked for it', async () => {
    ctx.clock.set('2026-05-06T08:00:00Z');
    const { id } = (await ingest(conversionBody({ relationshipId: term.relationshipId, occurredAt: '2026-05-06T09:00:00+02:00' }))).body;
    await voidIt(id).expect(200);
    ctx.clock.set('2026-06-20T08:00:00Z');
    await ctx.accrue();
    expect((await http().get(`/v1/conversions/${id}`).set(ctx.owner.auth).expect(200)).body).toMatchObject({
      status: 'voided',
      approvedAt: null,
    });
    expect(await q(`SELECT 1 FROM cost_entries WHERE source_id = $1`, [id])).toEqual([]);
    await sweep();
    expect((await statRows(ctx.db(), term.relationshipId)).find((r) => r.day === '2026-05-06')).toBeUndefined();
  });

  it("answers 404 for another workspace's conversion, 403 to a viewer, 400 naming the field for a bad body: nothing changes", async () => {
    const { id } = (await ingest(conversionBody({ relationshipId: term.relationshipId }))).body;
    const stranger = await signup(http());
    const viewer = await apiKeySession(http(), ctx.owner, 'viewer');
    const notFound = await voidIt(id, { reason: 'x' }, stranger.auth).expect(404);
    expect(notFound.headers['content-type']).toMatch(/^application\/problem\+json/);
    await voidIt('6f1c1a52-0000-4000-8000-000000000000').expect(404);
    await voidIt(id, { reason: 'x' }, viewer.auth).expect(403);
    const fields = async (body: object) => [
      ...new Set((await voidIt(id, body).expect(400)).body.errors.map((e: { field: string }) => e.field)),
    ];
    expect(await fields({ reason: 'x', amount: '10.00' })).toEqual(['amount']);
    expect(await fields({})).toEqual(['reason']);
    expect(await fields({ reason: '' })).toEqual(['reason']);
    expect((await http().get(`/v1/conversions/${id}`).set(ctx.owner.auth).expect(200)).body).toMatchObject({
      status: 'pending',
      voidedAt: null,
    });
    // A manager's API key may void; who is recorded as the key.
    const manager = await apiKeySession(http(), ctx.owner, 'manager');
    expect((await voidIt(id, { reason: 'Sent twice' }, manager.auth).expect(200)).body).toMatchObject({
      voidedByUserId: null,
      voidedByApiKeyId: manager.id,
    });
  });
});
