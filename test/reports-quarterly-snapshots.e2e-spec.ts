import { Clock, FixedClock } from '@app/common';
import { JobQueue, QueueName } from '@app/queue';
import { QuarterlyReportsService } from '@app/reports';
import { apiKeySession, brandWithRelationships, insertDailyStats, signup, useTestApp } from './support';

describe('quarterly report snapshots, sending and errors (e2e)', () => {
  const clock = new FixedClock(new Date('2026-07-15T10:00:00Z'));
  const ctx = useTestApp({}, (builder) => builder.overrideProvider(Clock).useValue(clock));
  const report = (brandId: string, quarter: string, auth = ctx.owner.auth) =>
    ctx.t.http.get(`/v1/reports/quarterly?brandId=${brandId}&quarter=${quarter}`).set(auth);
  const send = (body: object, auth = ctx.owner.auth) => ctx.t.http.post('/v1/reports/quarterly/send').set(auth).send(body);
  const service = () => ctx.t.app.get(QuarterlyReportsService);

  it('freezes a closed quarter once; later changes to its days show as adjustments in the next reports', async () => {
    const { brandId, relationships } = await brandWithRelationships(ctx.t.http, ctx.owner, {}, [{ followers: 20_000 }]);
    const stats = (days: Parameters<typeof insertDailyStats>[3]) =>
      insertDailyStats(ctx.t.databaseUrl, ctx.owner.workspaceId, relationships[0].id, days);
    await stats({ '2026-02-10': { conversions: 4, revenue: '1000', spend_retainer: '400' }, '2026-05-10': { revenue: '10' } });
    const ws = ctx.owner.workspaceId;

    const first = await service().snapshot(ws, brandId, '2026-Q1');
    expect(first.created).toBe(true);
    expect(first.report).toMatchObject({
      quarter: '2026-Q1',
      closed: true,
      snapshotCreatedAt: expect.any(String),
      totals: { netRevenue: '1000.00', spend: '400.00', conversions: 4 },
    });
    // Two workers at quarter close: one snapshot, both answer it.
    const racing = await Promise.all([service().snapshot(ws, brandId, '2026-Q2'), service().snapshot(ws, brandId, '2026-Q2')]);
    expect(racing.map((r) => r.created).sort()).toEqual([false, true]);
    expect(racing[0].report).toEqual(racing[1].report);

    // A conversion dated in Q1 but ingested late, a cost correction back-dated into Q1, and a refund in July.
    await stats({
      '2026-03-30': { conversions: 1, revenue: '200', reversals: '30', spend_other: '-50' },
      '2026-07-05': { reversals: '25' },
    });

    const again = await service().snapshot(ws, brandId, '2026-Q1');
    expect(again).toEqual({ created: false, report: first.report });
    expect((await report(brandId, '2026-Q1').expect(200)).body).toEqual(first.report);
    expect((await service().build(ws, brandId, '2026-Q1')).totals).toMatchObject({
      netRevenue: '1170.00',
      spend: '350.00',
      conversions: 5,
    });

    const q3 = (await report(brandId, '2026-Q3').expect(200)).body;
    expect(q3).toMatchObject({ closed: false, snapshotCreatedAt: null, totals: { reversals: '25.00', netRevenue: '-25.00' } });
    // Q2's snapshot still matches its days, so only Q1 is listed.
    expect(q3.adjustments).toEqual([{ quarter: '2026-Q1', netRevenue: '170.00', spend: '-50.00', conversions: 1 }]);
    expect((await report(brandId, '2026-Q2').expect(200)).body.adjustments).toEqual([]);

    await expect(service().snapshot(ws, brandId, '2026-Q3')).rejects.toMatchObject({ status: 409, code: 'REPORT_QUARTER_OPEN' });
    const stranger = await signup(ctx.t.http);
    await expect(service().get(stranger.workspaceId, brandId, '2026-Q1')).rejects.toMatchObject({ status: 404 });
  });

  it("answers 404 for another workspace's brand or an unknown one, on the report and on send", async () => {
    const { brandId } = await brandWithRelationships(ctx.t.http, ctx.owner, {}, []);
    const intruder = await signup(ctx.t.http);
    for (const response of [
      await report(brandId, '2026-Q2', intruder.auth),
      await report(brandId, '2026-Q2', intruder.auth).set('Accept', 'text/csv'),
      await send({ brandId, quarter: '2026-Q2' }, intruder.auth),
      await report('6f1c1a52-0000-4000-8000-000000000000', '2026-Q2'),
    ]) {
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('answers 400 naming the field for missing or malformed parameters and a quarter that has not started', async () => {
    const { brandId } = await brandWithRelationships(ctx.t.http, ctx.owner, {}, []);
    const fields = async (response: { body: { errors: { field: string }[] } }) => response.body.errors.map((e) => e.field).sort();
    expect(await fields(await ctx.t.http.get('/v1/reports/quarterly').set(ctx.owner.auth).expect(400))).toEqual(['brandId', 'quarter']);
    for (const quarter of ['2026-Q5', 'Q3-2026', '2026-q3'])
      expect(await fields(await report(brandId, quarter).expect(400))).toEqual(['quarter']);
    expect(await fields(await report('not-a-uuid', '2026-Q2').expect(400))).toEqual(['brandId']);
    const future = await report(brandId, '2026-Q4').expect(400);
    expect(future.body).toMatchObject({
      code: 'REPORT_QUARTER_NOT_STARTED',
      errors: [{ field: 'quarter', message: expect.stringContaining('starts on 2026-10-01') }],
    });
    expect(await fields(await send({ brandId, quarter: '2026-Q4' }).expect(400))).toEqual(['quarter']);
    expect(await fields(await send({ brandId, quarter: '2026-Q2', to: 'someone@example.com' }).expect(400))).toEqual(['to']);
    expect(await fields(await send({ quarter: 2026 }).expect(400))).toEqual(['brandId', 'quarter']);
  });

  it('accepts a send with 202 and enqueues the reports.quarterly job for the worker; viewers may read but not send', async () => {
    const { brandId } = await brandWithRelationships(ctx.t.http, ctx.owner, {}, []);
    const { body } = await send({ brandId, quarter: '2026-Q2' }).expect(202);
    expect(body).toEqual({ brandId, quarter: '2026-Q2', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'queued' });
    const queue = ctx.t.app.get(JobQueue).queue(QueueName.Reports);
    expect(await queue.getJob(`quarterly-report-${brandId}-2026-Q2-${body.requestId}`)).toMatchObject({
      name: 'reports.quarterly',
      data: { brandId, quarter: '2026-Q2', requestId: body.requestId },
    });
    // Sending again is another request, another job: a report can be mailed more than once.
    const again = (await send({ brandId, quarter: '2026-Q2' }).expect(202)).body;
    expect(again.requestId).not.toBe(body.requestId);
    expect(await queue.getJob(`quarterly-report-${brandId}-2026-Q2-${again.requestId}`)).toBeTruthy();

    const viewer = await apiKeySession(ctx.t.http, ctx.owner, 'viewer');
    await report(brandId, '2026-Q2', viewer.auth).expect(200);
    await send({ brandId, quarter: '2026-Q2' }, viewer.auth).expect(403);
  });
});
