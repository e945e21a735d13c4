import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { Clock, FixedClock } from '@app/common';
import { REPORT_CSP } from '@app/reports';
import { apiKeySession, brandWithRelationships, insertDailyStats, signup, useTestApp } from './support';

/** Debian's chromium (apt-get install chromium; .ci/run installs it when missing). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHARTS = ['revenue-vs-spend', 'roi-by-tier', 'top-ambassadors'];
const EVIL = 'Maya <script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">';

// Browser globals used inside page functions (this project compiles without the DOM lib).
declare const window: { pwned?: number };
declare const getComputedStyle: (element: unknown) => {
  backgroundColor: string;
  breakBefore: string;
  getPropertyValue(name: string): string;
};

describe('GET /v1/reports/quarterly/view (e2e: the page in headless Chromium)', () => {
  const clock = new FixedClock(new Date('2026-10-15T10:00:00Z'));
  const ctx = useTestApp({}, (builder) => builder.overrideProvider(Clock).useValue(clock));
  let browser: Browser;
  let context: BrowserContext;
  let baseUrl: string;
  let brandId: string;
  const viewPath = (quarter = '2026-Q3') => `/v1/reports/quarterly/view?brandId=${brandId}&quarter=${quarter}`;

  /** A page of a browser that sends the owner's token, as a logged-in app would. */
  async function open(
    path: string,
    headers: Record<string, string> = ctx.owner.auth,
  ): Promise<{ page: Page; status: number; csp?: string }> {
    const page = await context.newPage();
    await page.setExtraHTTPHeaders(headers);
    const response = await page.goto(`${baseUrl}${path}`);
    return { page, status: response?.status() ?? 0, csp: response?.headers()['content-security-policy'] };
  }

  beforeAll(async () => {
    await ctx.t.app.listen(0, '127.0.0.1');
    baseUrl = (await ctx.t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await chromium.launch({ executablePath: CHROMIUM });
    context = await browser.newContext();
    // Four ambassadors in Q3 2026: ROI +150 % (micro), -10 % (nano), -75 % (mid), none without spend (nano).
    const program = await brandWithRelationships(
      ctx.t.http,
      ctx.owner,
      { name: 'Acme <Outdoor>', currency: 'EUR', timezone: 'Europe/Paris' },
      [
        { name: EVIL, followers: 25_000 },
        { name: 'Leo', followers: 150_000 },
        { name: 'Nora', followers: 5_000 },
        { name: 'Ivo', followers: 4_000 },
      ],
    );
    brandId = program.brandId;
    const [maya, leo, nora, ivo] = program.relationships.map((r) => r.id);
    const stats = (id: string, days: Parameters<typeof insertDailyStats>[3]) =>
      insertDailyStats(ctx.t.databaseUrl, ctx.owner.workspaceId, id, days);
    await stats(maya, {
      '2026-07-03': {
        conversions: 12,
        revenue: '2400',
        spend_retainer: '1000',
        deliverables_due: 2,
        deliverables_on_time: 1,
        deliverables_late: 1,
      },
      '2026-09-10': { revenue: '600', spend_product: '200' },
    });
    await stats(leo, {
      '2026-08-20': {
        conversions: 1,
        revenue: '250',
        reversals: '50',
        spend_deliverable_fee: '800',
        deliverables_due: 1,
        deliverables_missed: 1,
      },
    });
    await stats(nora, { '2026-09-01': { conversions: 1, revenue: '100' } });
    await stats(ivo, { '2026-09-05': { conversions: 1, revenue: '90', spend_product: '100' } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders the three charts with bars, the figures and the tables; a <script> in a name stays text', async () => {
    const { page, status, csp } = await open(viewPath());
    expect(status).toBe(200);
    expect(csp).toBe(REPORT_CSP);
    expect(await page.title()).toBe('Acme <Outdoor>: ambassador program report 2026-Q3');

    for (const key of CHARTS) {
      const chart = page.locator(`figure[data-chart="${key}"]`);
      expect(await chart.getAttribute('role')).toBe('img');
      expect(await chart.getAttribute('aria-label')).toBeTruthy();
      expect(await chart.isVisible()).toBe(true);
    }
    const widths = async (key: string) =>
      Promise.all((await page.locator(`[data-chart="${key}"] [data-bar]`).all()).map(async (bar) => (await bar.boundingBox())?.width ?? 0));
    // Net revenue and spend for July, August and September: every amount is non-zero, so every bar is drawn.
    expect((await widths('revenue-vs-spend')).every((w) => w > 0)).toBe(true);
    expect(await widths('revenue-vs-spend')).toHaveLength(6);
    // ROI by tier: nano +90 %, micro +150 %, mid -75 % (drawn left of zero, in red), the others n/a without a bar.
    const tierBars = page.locator('[data-chart="roi-by-tier"] [data-bar]');
    expect(await tierBars.count()).toBe(3);
    expect(await tierBars.nth(2).evaluate((bar) => getComputedStyle(bar).backgroundColor)).toBe('rgb(192, 57, 43)');
    expect(await page.locator('[data-chart="roi-by-tier"]').innerText()).toContain('n/a (no spend)');
    // Top ambassadors: the three with spend, best first (Nora has no ROI); negative bars end at the zero axis, sized on one scale.
    const top = page.locator('[data-chart="top-ambassadors"]');
    expect(await top.locator('th').allInnerTexts()).toEqual([`${EVIL} (micro)`, 'Ivo (nano)', 'Leo (mid)']);
    const [maya, ivo, leo] = await Promise.all([0, 1, 2].map(async (n) => (await top.locator('[data-bar]').nth(n).boundingBox())!));
    for (const loss of [ivo, leo]) expect(Math.abs(loss.x + loss.width - maya.x)).toBeLessThan(1.5);
    expect(ivo.width / leo.width).toBeCloseTo(0.1 / 0.75, 1);
    expect(leo.width / maya.width).toBeCloseTo(0.75 / 1.5, 1);
    // Where they meet, the zero axis is a drawn line; a chart without a negative value has none.
    const [axisStyle, axisWidth, axisX] = await top
      .locator('td')
      .first()
      .evaluate((cell) => [
        getComputedStyle(cell).getPropertyValue('border-right-style'),
        getComputedStyle(cell).getPropertyValue('border-right-width'),
        cell.getBoundingClientRect().right,
      ]);
    expect([axisStyle, axisWidth]).toEqual(['solid', '1px']);
    expect(Math.abs(Number(axisX) - maya.x)).toBeLessThan(1.5);
    expect(await page.locator('[data-chart="roi-by-tier"] [data-zero-axis]').count()).toBe(1);

    expect(await page.locator('.figures').innerText()).toMatch(
      /Net revenue\s+3,390\.00 EUR[\s\S]*Spend\s+2,100\.00 EUR[\s\S]*ROI\s+61\.4 %/,
    );
    const ranked = page.getByRole('table', { name: 'Ambassadors ranked by ROI' });
    expect((await ranked.locator('tbody tr').allInnerTexts()).map((row) => row.split('\t').slice(0, 6))).toEqual([
      ['1', EVIL, 'Micro', '3,000.00 EUR', '1,200.00 EUR', '150.0 %'],
      ['2', 'Ivo', 'Nano', '90.00 EUR', '100.00 EUR', '-10.0 %'],
      ['3', 'Leo', 'Mid', '200.00 EUR', '800.00 EUR', '-75.0 %'],
      ['4', 'Nora', 'Nano', '100.00 EUR', '0.00 EUR', 'n/a'],
    ]);
    expect(await page.getByRole('table', { name: 'Figures by tier' }).locator('thead th').allInnerTexts()).toEqual([
      '',
      'Nano',
      'Micro',
      'Mid',
      'Macro',
      'Mega',
    ]);
    expect(
      await page.getByRole('table', { name: 'Deliverables due this quarter by outcome' }).locator('tbody tr').first().innerText(),
    ).toMatch(/All ambassadors\t3\t1\t1\t1\t0\t33\.3 %/);

    expect(await page.evaluate(() => window.pwned)).toBeUndefined();
    expect(await page.locator('script, img').count()).toBe(0);
    await page.close();
  });

  it('prints on A4: charts kept in colour, one page per section', async () => {
    const { page } = await open(viewPath());
    await page.emulateMedia({ media: 'print' });
    const bars = page.locator('[data-chart] [data-bar]');
    expect(await bars.count()).toBe(12);
    expect(await bars.first().evaluate((bar) => getComputedStyle(bar).getPropertyValue('print-color-adjust'))).toBe('exact');
    expect(
      await page
        .locator('section')
        .nth(1)
        .evaluate((s) => getComputedStyle(s).breakBefore),
    ).toBe('page');
    const pdf = await page.pdf({ format: 'A4', printBackground: false, preferCSSPageSize: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(3);
    await page.close();
  });

  it('marks the months of a quarter in progress that are not over: the current one partial, the later ones not started', async () => {
    const { page } = await open(viewPath('2026-Q4'));
    const revenue = page.locator('[data-chart="revenue-vs-spend"]');
    expect(await revenue.locator('th').allInnerTexts()).toEqual(['Oct 2026 (partial)', 'Nov 2026 (not started)', 'Dec 2026 (not started)']);
    expect(await revenue.locator('tr[data-partial="true"]').count()).toBe(3);
    const closed = await open(viewPath());
    expect(await closed.page.locator('[data-chart="revenue-vs-spend"] th').allInnerTexts()).toEqual(['Jul 2026', 'Aug 2026', 'Sep 2026']);
    await Promise.all([page.close(), closed.page.close()]);
  });

  it('a viewer may read it; no token is 401 and another workspace gets 404', async () => {
    const viewer = await apiKeySession(ctx.t.http, ctx.owner, 'viewer');
    await ctx.t.http
      .get(viewPath())
      .set(viewer.auth)
      .expect(200)
      .expect('Content-Type', /text\/html/);
    await ctx.t.http.get(viewPath()).expect(401);
    const stranger = await signup(ctx.t.http);
    await ctx.t.http.get(viewPath()).set(stranger.auth).expect(404);
    await ctx.t.http
      .get(`/v1/reports/quarterly/view?brandId=${brandId}&quarter=2026-Q5`)
      .set(ctx.owner.auth)
      .expect(400)
      .expect('Content-Type', /problem\+json/);
  });

  it('opens through a share link without a token, until it expires; an altered link is refused with a page', async () => {
    const share = await ctx.t.http
      .post('/v1/reports/quarterly/share')
      .set(ctx.owner.auth)
      .send({ brandId, quarter: '2026-Q3', expiresInDays: 7 })
      .expect(201);
    const path = (share.body.url as string).replace('http://localhost:3000', '');
    expect(path).toMatch(/^\/v1\/reports\/quarterly\/view\/shared\?token=[\w.-]+$/);
    const { page, status, csp } = await open(path, {});
    expect([status, csp]).toEqual([200, REPORT_CSP]);
    expect(await page.locator('[data-chart] [data-bar]').count()).toBe(12);
    await page.close();

    const altered = await ctx.t.http.get(`${path.slice(0, -2)}xx`).expect(401);
    expect([altered.headers['content-type'], altered.headers['content-security-policy']]).toEqual(['text/html; charset=utf-8', REPORT_CSP]);
    await ctx.t.http.get('/v1/reports/quarterly/view/shared').expect(400);
    clock.set('2026-10-22T10:00:00Z');
    try {
      expect((await ctx.t.http.get(path).expect(410)).text).toContain('This report link expired on 2026-10-22.');
    } finally {
      clock.set('2026-10-15T10:00:00Z');
    }
  });
});
