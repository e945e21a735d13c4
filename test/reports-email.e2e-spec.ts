import { INestApplicationContext } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { Clock, FixedClock } from '@app/common';
import { JobHandlerRegistry, JobName, JobQueue, QueueName } from '@app/queue';
import { QuarterlyReportMailer } from '@app/reports';
import {
  addMember,
  brandWithRelationships,
  relationshipFixture,
  createTestApp,
  createTestWorker,
  insertDailyStats,
  Session,
  signup,
  SmtpSink,
  startSmtpSink,
  TestApp,
  waitFor,
} from './support';
import { JobSchedules } from '../apps/worker/src/job-schedules';

interface Row {
  period: string;
  status: string;
  late: boolean;
  dueAt: Date;
  recipients: string[];
}

describe('reports.scan and reports.quarterly (e2e: worker, SMTP sink, FixedClock)', () => {
  const clock = new FixedClock(new Date('2026-09-15T12:00:00Z'));
  let sink: SmtpSink;
  let t: TestApp;
  let worker: INestApplicationContext;
  let owner: Session;
  let manager: Session;
  const db = () => t.app.get(DataSource);
  const scan = () => worker.get(JobHandlerRegistry).get(JobName.ReportsScan)!({} as never, {} as never) as Promise<{ enqueued: number }>;
  const rows = (brandId: string): Promise<Row[]> =>
    db().query(
      `SELECT period, status, late, due_at AS "dueAt", recipients FROM notifications WHERE subject_id = $1 AND kind = 'quarterly_report' ORDER BY created_at`,
      [brandId],
    );
  const sent = (brandId: string, n: number) =>
    waitFor(async () => (await rows(brandId)).filter((r) => r.status === 'sent').length === n, 20_000);

  /** A brand managed by the owner and a second manager, created (in business time) mid-Q3 2026, with two ambassadors' Q3 figures. */
  async function program(brand: Record<string, unknown>): Promise<{ brandId: string; relationships: { id: string; name: string }[] }> {
    const created = await brandWithRelationships(t.http, owner, { ...brand, managerUserIds: [owner.userId, manager.userId] }, [
      { name: 'Ana', followers: 25_000 },
      { name: 'Bo', followers: 200_000 },
    ]);
    await db().query(`UPDATE brands SET created_at = '2026-08-01T00:00:00Z' WHERE id = $1`, [created.brandId]);
    const [ana, bo] = created.relationships.map((r) => r.id);
    await insertDailyStats(t.databaseUrl, owner.workspaceId, ana, {
      '2026-07-10': { conversions: 4, revenue: '2000', spend_retainer: '500' },
    });
    await insertDailyStats(t.databaseUrl, owner.workspaceId, bo, {
      '2026-08-10': { conversions: 1, revenue: '300', spend_retainer: '600' },
    });
    return created;
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp(
      { SMTP_URL: sink.url, JOB_BACKOFF_MS: '50', REPORT_SENDS_PER_WORKSPACE_PER_HOUR: '4', REPORT_SENDS_PER_BRAND_QUARTER_PER_DAY: '2' },
      (b) => b.overrideProvider(Clock).useValue(clock),
    );
    owner = await signup(t.http);
    manager = await signup(t.http, { email: 'second.manager@example.com' });
    await addMember(t, owner, manager, 'manager');
    worker = await createTestWorker(t.env, (b) => b.overrideProvider(Clock).useValue(clock).overrideProvider(JobSchedules).useValue({}));
  });
  beforeEach(() => sink.reset());
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await sink?.close();
  });

  it('at quarter close (06:00 brand time) the managers get one email: HTML with the charts, plain text, the CSV; later scans send nothing', async () => {
    const { brandId } = await program({ name: 'Acme <Paris>', timezone: 'Europe/Paris', currency: 'EUR' });
    // 05:59 in Paris (CEST, UTC+2) on the first day of Q4: not yet.
    clock.set('2026-10-01T03:59:00Z');
    expect(await scan()).toEqual({ enqueued: 0 });
    clock.set('2026-10-01T04:00:00Z');
    expect(await scan()).toEqual({ enqueued: 1 });
    await sent(brandId, 1);

    expect(sink.messages).toHaveLength(1);
    const [mail] = sink.messages;
    expect(mail.to.sort()).toEqual([owner.email, manager.email].sort());
    expect(mail.subject).toBe('Acme <Paris>: ambassador program report 2026-Q3');
    for (const chart of ['revenue-vs-spend', 'roi-by-tier', 'top-ambassadors']) expect(mail.html).toContain(`data-chart="${chart}"`);
    expect(mail.html.match(/data-bar=/g)).toHaveLength(6 + 2 + 2);
    expect(mail.html).toContain('<title>Acme &lt;Paris&gt;: ambassador program report 2026-Q3</title>');
    expect(mail.html).toMatch(/href="http:\/\/localhost:3000\/v1\/reports\/quarterly\/view\/shared\?token=[\w.-]+"/);
    expect(mail.text).toContain('2026-Q3 has closed: net revenue 2,300.00 EUR, spend 1,100.00 EUR, ROI 109.1 %.');
    expect(mail.text).toMatch(/1\. Ana \(micro\) +300\.0 %/);
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['quarterly-report-2026-Q3.csv', 'text/csv']]);
    const csv = parse(mail.attachments[0].content, { columns: true }) as Record<string, string>[];
    expect(csv.map((r) => [r.rank, r.influencer_name, r.net_revenue, r.spend, r.roi])).toEqual([
      ['1', 'Ana', '2000.00', '500.00', '3'],
      ['2', 'Bo', '300.00', '600.00', '-0.5'],
    ]);
    // The quarter is frozen: its snapshot was taken by the job.
    expect(
      (await db().query(`SELECT count(*)::int AS n FROM quarterly_reports WHERE brand_id = $1 AND quarter = '2026-Q3'`, [brandId]))[0].n,
    ).toBe(1);
    expect(await rows(brandId)).toEqual([
      {
        period: '2026-Q3',
        status: 'sent',
        late: false,
        dueAt: new Date('2026-10-01T04:00:00Z'),
        recipients: [owner.email, manager.email].sort(),
      },
    ]);

    // Every later scan, and the job itself run again, finds the row and sends nothing.
    clock.set('2026-10-01T05:00:00Z');
    expect(await scan()).toEqual({ enqueued: 0 });
    expect(await worker.get(QuarterlyReportMailer).run({ brandId, quarter: '2026-Q3' })).toEqual({
      outcome: 'skipped',
      reason: 'already sent',
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.messages).toHaveLength(1);
    expect(await rows(brandId)).toHaveLength(1);
  });

  it('a Tokyo and a New York brand close at different UTC instants; a brand created after a close gets no report of that quarter', async () => {
    clock.set('2026-09-20T00:00:00Z');
    const tokyo = await program({ timezone: 'Asia/Tokyo', currency: 'JPY' });
    const newYork = await program({ timezone: 'America/New_York', currency: 'USD' });
    // Q2 closed on 07-01, before these brands existed (created 08-01): nothing to send.
    expect(await scan()).toEqual({ enqueued: 0 });

    // 06:00 in Tokyo (UTC+9) on 2026-10-01 is 21:00 UTC the day before.
    clock.set('2026-09-30T20:59:00Z');
    expect(await scan()).toEqual({ enqueued: 0 });
    clock.set('2026-09-30T21:00:00Z');
    expect(await scan()).toEqual({ enqueued: 1 });
    await sent(tokyo.brandId, 1);
    expect(await rows(newYork.brandId)).toEqual([]);

    // 06:00 in New York (EDT, UTC-4) is 10:00 UTC.
    clock.set('2026-10-01T09:59:00Z');
    expect(await scan()).toEqual({ enqueued: 0 });
    clock.set('2026-10-01T10:00:00Z');
    expect(await scan()).toEqual({ enqueued: 1 });
    await sent(newYork.brandId, 1);

    expect((await rows(tokyo.brandId))[0].dueAt).toEqual(new Date('2026-09-30T21:00:00Z'));
    expect((await rows(newYork.brandId))[0].dueAt).toEqual(new Date('2026-10-01T10:00:00Z'));
    expect(sink.messages.map((m) => m.subject.replace(/^Brand \w+/, 'Brand'))).toEqual([
      'Brand: ambassador program report 2026-Q3',
      'Brand: ambassador program report 2026-Q3',
    ]);
    expect(sink.messages[0].text).toContain('net revenue 2,300 JPY');
  });

  it('POST /send mails the snapshot of a closed quarter again after its close email, and the live figures of an open one', async () => {
    clock.set('2026-10-01T04:00:00Z');
    const { brandId, relationships } = await program({ timezone: 'Europe/Paris', currency: 'EUR' });
    await scan();
    await sent(brandId, 1);
    // A late order for Q3 after the close: the snapshot keeps the figures the close email had.
    await insertDailyStats(t.databaseUrl, owner.workspaceId, relationships[0].id, { '2026-09-30': { conversions: 1, revenue: '1000' } });

    clock.set('2026-10-15T08:00:00Z');
    await t.http.post('/v1/reports/quarterly/send').set(owner.auth).send({ brandId, quarter: '2026-Q3' }).expect(202);
    await sent(brandId, 2);
    await t.http.post('/v1/reports/quarterly/send').set(owner.auth).send({ brandId, quarter: '2026-Q4' }).expect(202);
    await sent(brandId, 3);

    const [close, again, open] = sink.messages;
    // Each email signs its own link (its own expiry); everything else is the same snapshot.
    const unlinked = (text: string) => text.replace(/token=\S+/, 'token=…');
    expect(unlinked(again.text)).toEqual(unlinked(close.text));
    expect(again.attachments[0].content).toEqual(close.attachments[0].content);
    expect(open.subject).toMatch(/report 2026-Q4 \(in progress\)$/);
    expect(open.text).toContain('2026-Q4 is still in progress (figures so far): net revenue 0.00 EUR');
    expect((await rows(brandId)).map((r) => r.period)).toEqual([
      '2026-Q3',
      expect.stringMatching(/^2026-Q3\/[\w-]+$/),
      expect.stringMatching(/^2026-Q4\/[\w-]+$/),
    ]);
  });

  it('limits on-demand sends per brand and quarter (a day) and per workspace (an hour): 429 problem+json with Retry-After', async () => {
    clock.set('2026-10-15T08:00:00Z');
    const agency = await signup(t.http);
    const send = (s: Session, brandId: string, quarter: string) =>
      t.http.post('/v1/reports/quarterly/send').set(s.auth).send({ brandId, quarter });
    const first = (await relationshipFixture(t.http, agency)).brandId;
    const second = (await relationshipFixture(t.http, agency)).brandId;
    const sent = [(await send(agency, first, '2026-Q3').expect(202)).body, (await send(agency, first, '2026-Q3').expect(202)).body];
    // Fair ordering in the reports queue: the workspace's n-th send of the hour has priority n.
    const priority = async (b: { brandId: string; quarter: string; requestId: string }) =>
      (await t.app.get(JobQueue).queue(QueueName.Reports).getJob(`quarterly-report-${b.brandId}-${b.quarter}-${b.requestId}`))?.opts
        .priority;
    expect([await priority(sent[0]), await priority(sent[1])]).toEqual([1, 2]);
    const perQuarter = await send(agency, first, '2026-Q3').expect(429);
    expect(perQuarter.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(perQuarter.body).toMatchObject({ code: 'REPORT_SENDS_THROTTLED', retryAfter: expect.any(Number) });
    expect(perQuarter.body.detail).toMatch(/a day of one brand's quarter/);
    // The day's window: most of it is still ahead.
    expect(Number(perQuarter.headers['retry-after'])).toBeGreaterThan(23 * 3600);

    // The refused send did not count against the workspace's hour: two more fit, then it is full.
    await send(agency, first, '2026-Q2').expect(202);
    await send(agency, second, '2026-Q3').expect(202);
    const perWorkspace = await send(agency, second, '2026-Q2').expect(429);
    expect(perWorkspace.body.detail).toMatch(/an hour per workspace/);
    expect(Number(perWorkspace.headers['retry-after'])).toBeGreaterThan(3500);
    expect(Number(perWorkspace.headers['retry-after'])).toBeLessThanOrEqual(3600);
    // A wrong brand is a 404 before anything is counted; other workspaces have their own budget.
    await send(agency, owner.workspaceId, '2026-Q2').expect(404);
    await send(owner, (await relationshipFixture(t.http, owner)).brandId, '2026-Q2').expect(202);

    // Only the accepted sends made a job and an email row.
    const made = () =>
      db().query(`SELECT count(*)::int AS n FROM notifications WHERE workspace_id = $1 AND kind = 'quarterly_report'`, [
        agency.workspaceId,
      ]);
    await waitFor(async () => (await made())[0].n === 4, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await made())[0].n).toBe(4);
  });
});
