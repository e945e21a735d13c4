import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { chromium } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Clock, FixedClock } from '@app/common';
import { emailLink, NotificationsService } from '@app/notifications';
import {
  contractFixture,
  createTestApp,
  createTestWorker,
  DeliveredMessage,
  insertDailyStats,
  Session,
  signup,
  SmtpSink,
  startSmtpSink,
  TestApp,
  waitFor,
} from './support';
import { JobSchedules } from '../apps/worker/src/job-schedules';

/** What a browser sends when a person clicks a link in a mail client: no Authorization, no cookie. */
const BROWSER = {
  Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
};

/** Debian's chromium (as in reports-view.e2e-spec.ts). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Every link of an email, from the HTML part's hrefs and the plain-text part's URLs. */
function linksOf(mail: DeliveredMessage): string[] {
  const hrefs = [...mail.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  const urls = [...mail.text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
  return [...new Set([...hrefs, ...urls])];
}

describe('links in emails open a page in a browser (e2e: worker, SMTP sink, HTTP on a port)', () => {
  const clock = new FixedClock(new Date('2026-11-16T08:00:00Z'));
  let sink: SmtpSink;
  let t: TestApp;
  let worker: INestApplicationContext;
  let owner: Session;
  let baseUrl: string;
  let fixture: { contractId: string; relationshipId: string; brandId: string; deliverableId: string; influencerEmail: string };
  let offset = 0;
  const db = () => t.app.get(DataSource);
  /** GET as a browser would, over a real socket; the link's host is the configured APP_URL, so the path is sent to this API. */
  const browse = (link: string, method = 'GET') =>
    fetch(`${baseUrl}${new URL(link).pathname}${new URL(link).search}`, { method, headers: BROWSER });

  /** The link an email of `audience` carried before the console and the portal: the signed landing page of its latest row. */
  async function earlierLink(audience: 'influencer' | 'managers'): Promise<string> {
    const [{ id }] = await db().query(`SELECT id FROM notifications WHERE audience = $1 ORDER BY created_at DESC LIMIT 1`, [audience]);
    // emailLink answers the landing page for any row that has no console page.
    return emailLink(t.env.JWT_SECRET, 'http://localhost:3000', { id, audience: 'influencer', subjectType: 'contract' }, clock.now());
  }

  /** Inserts one row (as the scans do) and sends it through the worker; the message the sink received. */
  async function email(kind: string, audience: 'influencer' | 'managers', subject: 'contract' | 'deliverable'): Promise<DeliveredMessage> {
    const recipients = audience === 'influencer' ? [fixture.influencerEmail] : [owner.email];
    const subjectId = subject === 'contract' ? fixture.contractId : fixture.deliverableId;
    const [{ id }] = await db().query(
      `INSERT INTO notifications (workspace_id, kind, subject_type, subject_id, offset_days, audience, recipients, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now()) RETURNING id`,
      [owner.workspaceId, kind, subject, subjectId, ++offset, audience, recipients],
    );
    sink.reset();
    await worker.get(NotificationsService).enqueueSend([id]);
    await waitFor(() => sink.messages.length === 1, 15_000);
    return sink.messages[0];
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url, JOB_BACKOFF_MS: '50' }, (b) => b.overrideProvider(Clock).useValue(clock));
    await t.app.listen(0, '127.0.0.1');
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    owner = await signup(t.http, { name: 'Dana Reyes' });
    worker = await createTestWorker(t.env, (b) => b.overrideProvider(Clock).useValue(clock).overrideProvider(JobSchedules).useValue({}));
    const contract = await contractFixture(t, owner, {
      startDate: '2026-07-01',
      endDate: '2026-12-31',
      plan: [{ type: 'reel', platform: 'instagram', quantity: 1, per: 'month' }],
    });
    // The relationship's owner: whom the influencer's emails name and reply to.
    await db().query(`UPDATE relationships SET owner_user_id = $1 WHERE id = $2`, [owner.userId, contract.relationshipId]);
    const [row] = await db().query(
      `SELECT d.id AS "deliverableId", r.brand_id AS "brandId", i.email AS "influencerEmail"
         FROM deliverables d JOIN contracts c ON c.id = d.contract_id JOIN relationships r ON r.id = c.relationship_id
         JOIN influencers i ON i.id = r.influencer_id WHERE d.contract_id = $1 ORDER BY d.due_date LIMIT 1`,
      [contract.contractId],
    );
    fixture = { ...contract, ...row };
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await sink?.close();
  });

  it.each([
    ['deliverable_overdue', 'influencer', 'deliverable', /See the deliverable/],
    ['deliverable_due_soon', 'influencer', 'deliverable', /See the deliverable/],
  ] as const)('%s to the %s: every link answers 200 HTML to a browser without a token', async (kind, audience, subject, action) => {
    const mail = await email(kind, audience, subject);
    expect(mail.html).toMatch(action);
    const links = linksOf(mail);
    expect(links.length).toBeGreaterThanOrEqual(1);
    // An ambassador's link signs them into the portal on the deliverable (test/portal.e2e-spec.ts).
    const action_ = '/portal/link?token=';
    expect(links.filter((l) => l.includes(action_))).toHaveLength(1);
    for (const link of links) {
      const response = await browse(link);
      expect({ link, status: response.status, type: response.headers.get('content-type') }).toEqual({
        link,
        status: 200,
        type: 'text/html; charset=utf-8',
      });
    }
    const token = new URL(links.find((l) => l.includes(action_)) as string).searchParams.get('token');
    const opened = await t.http.post('/v1/portal/session').send({ token }).expect(200);
    expect(opened.body.path).toBe(`/deliverables/${fixture.deliverableId}`);
  });

  it.each([
    ['renewal_upcoming', 'contract', /Open the contract/, 'terms'],
    ['notice_deadline', 'contract', /Review the renewal/, 'terms'],
    ['renewed', 'contract', /./, 'terms'],
    ['ended', 'contract', /./, 'terms'],
    ['deliverable_overdue', 'deliverable', /See the deliverable/, 'deliverables'],
    ['approval_waiting', 'deliverable', /./, 'deliverables'],
  ] as const)(
    "%s to the managers links to the relationship's console page (%s), which a browser opens",
    async (kind, subject, action, tab) => {
      const mail = await email(kind, 'managers', subject);
      expect(mail.html).toMatch(action);
      const page = `http://localhost:3000/app/relationships/${fixture.relationshipId}?tab=${tab}`;
      expect(linksOf(mail)).toEqual([page]);
      const response = await browse(page);
      expect([response.status, response.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^text\/html/)]);
      expect(await response.text()).toContain('<div id="root">');
    },
  );

  it("a managers' link sent before the console lands on a page that points on to it", async () => {
    await email('renewal_upcoming', 'managers', 'contract');
    const landing = await browse(await earlierLink('managers'));
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain(`<a href="/app/relationships/${fixture.relationshipId}?tab=terms">Open it in the console</a>`);
  });

  it('in Chromium: a manager opening the link signs in and lands on the page the email is about', async () => {
    const mail = await email('deliverable_overdue', 'managers', 'deliverable');
    const link = new URL(linksOf(mail)[0]);
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
      await page.goto(`${baseUrl}${link.pathname}${link.search}`);
      await page.waitForURL(/\/app\/sign-in\?next=/);
      await page.getByLabel('Email').fill(owner.email);
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${baseUrl}/app/relationships/${fixture.relationshipId}?tab=deliverables`);
      await page.getByRole('heading', { level: 1, name: / × Brand / }).waitFor();
      await expect(page.title()).resolves.toMatch(/ · Deliverables · Ambassador CRM$/);
      await page
        .getByRole('row', { name: /reel · instagram/ })
        .first()
        .waitFor();
    } finally {
      await browser.close();
    }
  });

  it("influencer emails carry a Reply-To of the relationship's owner and name them; managers' emails do not", async () => {
    for (const kind of ['deliverable_due_soon', 'deliverable_overdue']) {
      const mail = await email(kind, 'influencer', 'deliverable');
      expect(mail.headers['reply-to']).toBe(`Dana Reyes <${owner.email}>`);
      expect(mail.text).toContain(`is Dana Reyes (${owner.email}): reply to this email to reach them.`);
      expect(mail.text).not.toContain('send the link to your contact');
    }
    expect((await email('deliverable_overdue', 'managers', 'deliverable')).headers['reply-to']).toBeUndefined();
  });

  it('the landing page of an expired or altered link says so; HEAD and GET of any link change nothing', async () => {
    await email('deliverable_overdue', 'influencer', 'deliverable');
    const link = await earlierLink('influencer');
    expect((await browse(link, 'HEAD')).status).toBe(200);
    expect((await browse(`${link}x`)).status).toBe(401);
    clock.set('2026-12-16T08:00:00Z');
    try {
      const expired = await browse(link);
      expect(expired.status).toBe(410);
      expect(await expired.text()).toContain('This link expired on 2026-12-16');
    } finally {
      clock.set('2026-11-16T08:00:00Z');
    }
  });

  it('the report email links to the report as it was sent, even after the figures change', async () => {
    sink.reset();
    await t.http.post('/v1/reports/quarterly/send').set(owner.auth).send({ brandId: fixture.brandId, quarter: '2026-Q4' }).expect(202);
    await waitFor(() => sink.messages.length === 1, 20_000);
    const [mail] = sink.messages;
    expect(mail.text).toContain('2026-Q4 is still in progress (figures so far): net revenue 0.00 EUR');
    const links = linksOf(mail);
    expect(links).toEqual([
      expect.stringMatching(/^http:\/\/localhost:3000\/v1\/reports\/quarterly\/view\/shared\?token=[\w.-]+$/),
      `http://localhost:3000/app/reports?brand=${fixture.brandId}&quarter=2026-Q4`,
    ]);

    await insertDailyStats(t.databaseUrl, owner.workspaceId, fixture.relationshipId, { '2026-11-10': { conversions: 2, revenue: '320' } });
    const live = await t.http.get(`/v1/reports/quarterly?brandId=${fixture.brandId}&quarter=2026-Q4`).set(owner.auth).expect(200);
    expect(live.body.totals.netRevenue).toBe('320.00');
    const page = await browse(links[0]);
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    const html = await page.text();
    expect(html).toMatch(/Net revenue<\/dt><dd>0\.00 EUR/);
    expect(html).not.toContain('320.00');
  });

  // Last: it unsubscribes the influencer, after which their reminders are skipped.
  it('in Chromium: the landing page shows the email; the unsubscribe page changes nothing until its button is pressed', async () => {
    const mail = await email('deliverable_due_soon', 'influencer', 'deliverable');
    const influencerLanding = await earlierLink('influencer');
    const local = (kind: string) => {
      const link = new URL([...linksOf(mail), influencerLanding].find((l) => l.includes(kind)) as string);
      return `${baseUrl}${link.pathname}${link.search}`;
    };
    const suppressed = async () => (await db().query(`SELECT count(*)::int AS n FROM email_suppressions`))[0].n as number;
    const shots = process.env.SCREENSHOT_DIR;
    const browser = await chromium.launch({ executablePath: CHROMIUM });
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
      expect((await page.goto(local('/email-links/')))?.status()).toBe(200);
      expect(await page.locator('h1').innerText()).toBe(mail.subject);
      if (shots) await page.screenshot({ path: join(shots, 'email-landing.png'), fullPage: true });
      await page.getByRole('link', { name: 'Sign in to the ambassador portal' }).click();
      await page.waitForURL(/\/portal\/sign-in\?workspace=/);
      await page.getByRole('button', { name: 'Email me a sign-in link' }).waitFor();

      expect((await page.goto(local('/v1/unsubscribe')))?.status()).toBe(200);
      expect(await page.locator('h1').innerText()).toBe('Unsubscribe from reminders?');
      if (shots) await page.screenshot({ path: join(shots, 'unsubscribe.png'), fullPage: true });
      expect(await suppressed()).toBe(0);
      await page.getByRole('button', { name: /Unsubscribe/ }).click();
      await page.locator('h1', { hasText: 'Unsubscribed' }).waitFor();
      expect(await suppressed()).toBe(1);
      if (shots) await page.screenshot({ path: join(shots, 'unsubscribed.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
