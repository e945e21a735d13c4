import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { invitationLink, signInvitationToken } from '@app/workspaces';
import { addMember, CHROMIUM, expectTitle, insertDailyStats, seriousA11yViolations, signup, useTestApp } from './support';

/**
 * The manager console as a person uses it (web.md, issue 14): the built app (dist/web, built by jest's
 * globalSetup) served by the real API on PostgreSQL and Redis, in Debian's Chromium. Every page visited
 * is checked with axe-core.
 */
describe('manager console in Chromium (e2e)', () => {
  // Each step is a person clicking through several pages on a shared, loaded machine.
  jest.setTimeout(90_000);
  const ctx = useTestApp();
  let browser: Browser;
  let baseUrl: string;
  const contexts: BrowserContext[] = [];
  const password = 'a long enough password';
  const manager = { workspaceName: 'Northwind Outdoor', name: 'Maya Manager', email: `maya-${Date.now()}@northwind.example` };
  let page: Page;
  const ids: Record<string, string> = {};

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: baseUrl });
    contexts.push(context);
    const p = await context.newPage();
    p.on('dialog', (dialog) => void dialog.accept());
    return p;
  }

  /** A call of the page's own session, as the console's client makes it (cookie + header). */
  async function apiCall(
    p: Page,
    method: 'GET' | 'POST',
    path: string,
    data?: object,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await p.request.fetch(path, { method, headers: { 'X-Requested-With': 'web' }, data });
    return { status: response.status(), body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
  }

  async function expectAccessible(p: Page): Promise<void> {
    expect({ url: p.url(), violations: await seriousA11yViolations(p) }).toEqual({ url: p.url(), violations: [] });
  }

  beforeAll(async () => {
    await ctx.t.app.listen(0, '127.0.0.1');
    baseUrl = (await ctx.t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await chromium.launch({ executablePath: CHROMIUM });
    page = await newPage();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('sends a visitor to sign in, shows a bad field its error beside it, and signs a new manager up', async () => {
    await page.goto('/');
    await page.waitForURL(/\/app\/sign-in\?next=%2F$/);
    // The title is set once the page has rendered, a moment after the address changes (a race on a loaded machine).
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expectTitle(page, 'Sign in · Ambassador CRM');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.getByLabel('Workspace name').fill(manager.workspaceName);
    await page.getByLabel('Your name').fill(manager.name);
    await page.getByLabel('Email').fill(manager.email);
    await page.getByLabel(/^Password/).fill('short');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    const passwordInput = page.getByLabel(/^Password/);
    // The field is marked once the API's 400 is back: wait for it (a read right after the click raced the answer on a loaded machine).
    await page.locator('input[aria-invalid="true"]').first().waitFor();
    await expect(passwordInput.getAttribute('aria-invalid')).resolves.toBe('true');
    const errorId = await passwordInput.getAttribute('aria-describedby');
    await expect(page.locator(`[id="${errorId}"]`).textContent()).resolves.toMatch(/password/i);
    await expect(page.getByLabel('Email').getAttribute('aria-invalid')).resolves.toBeNull();
    await expectAccessible(page);

    await passwordInput.fill(password);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Program' }).waitFor();
    expect(page.url()).toMatch(new RegExp(`^${baseUrl}/app/?$`));
    await expectTitle(page, 'Program · Ambassador CRM');
    await page.getByText('No brands yet').waitFor();
    await expectAccessible(page);
  });

  it('shows a relationship made through the API in Relationships, finds it by search, and activates its term from its page', async () => {
    const post = async (path: string, data: object) => {
      const { status, body } = await apiCall(page, 'POST', path, data);
      expect({ path, status }).toEqual({ path, status: 201 });
      return body.id as string;
    };
    ids.brand = await post('/v1/brands', { name: 'Northwind Outdoor', currency: 'EUR', timezone: 'Europe/Paris' });
    ids.influencer = await post('/v1/influencers', {
      name: 'Elias Schmidt',
      email: 'elias@example.com',
      socialAccounts: [{ platform: 'instagram', handle: 'elias.trails', followers: 24_000 }],
    });
    ids.relationship = await post('/v1/relationships', { brandId: ids.brand, influencerId: ids.influencer });
    const today = new Date().toISOString().slice(0, 10);
    const plus = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    ids.contract = await post('/v1/contracts', {
      relationshipId: ids.relationship,
      startDate: today,
      endDate: plus(60),
      retainerMonthly: '800.00',
      feePerDeliverable: '150.00',
      commissionRate: '10',
      autoRenew: true,
      renewalTermMonths: 6,
      deliverablePlan: [{ type: 'reel', platform: 'instagram', quantity: 1, per: 'month' }],
    });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Relationships' }).click();
    await page.getByRole('heading', { level: 1, name: 'Relationships' }).waitFor();
    const row = page.getByRole('row', { name: /Elias Schmidt/ });
    await expect(row.textContent()).resolves.toMatch(/@elias\.trails.*Northwind Outdoor.*prospect/);
    await expectAccessible(page);
    await page.getByRole('searchbox').fill('trails');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=trails/);
    await row.waitFor();
    await page.getByRole('searchbox').fill('nobody here');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No relationship matches these filters.').waitFor();
    await page.goBack();
    await row.waitFor();

    await page.getByRole('link', { name: 'Elias Schmidt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Elias Schmidt × Northwind Outdoor' }).waitFor();
    expect(page.url()).toBe(`${baseUrl}/app/relationships/${ids.relationship}`);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Contract terms' }).click();
    await page.waitForURL(/\?tab=terms$/);
    await page.getByRole('heading', { name: 'Contract terms, newest first' }).waitFor();
    await expectTitle(page, 'Elias Schmidt × Northwind Outdoor · Contract terms · Ambassador CRM');
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByRole('row', { name: /Term 1.*active/ }).waitFor();
    await page.getByText(/renews itself for 6 months, notice \d+ days/).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Deliverables' }).click();
    await page
      .getByRole('row', { name: /reel · instagram/ })
      .first()
      .waitFor();
    await expectAccessible(page);
    const { body } = await apiCall(page, 'GET', `/v1/deliverables?relationshipId=${ids.relationship}`);
    const deliverables = body.data as { id: string; status: string }[];
    expect(deliverables.length).toBeGreaterThanOrEqual(2);
    ids.deliverable = deliverables[0].id;
  });

  it('approves a submitted deliverable from the review queue on Program, which lists the renewal ahead', async () => {
    expect(
      (await apiCall(page, 'POST', `/v1/deliverables/${ids.deliverable}/submit`, { contentUrl: 'https://drive.example.com/cut-1' })).status,
    ).toBe(200);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Program' }).click();
    const queue = page.getByRole('region', { name: /Waiting for your review/ });
    await queue.getByRole('row', { name: /Elias Schmidt/ }).waitFor();
    await page
      .getByRole('region', { name: /Renewals in the next 90 days/ })
      .getByRole('row', { name: /Elias Schmidt.*yes, for 6 months/ })
      .waitFor();
    await page
      .getByRole('region', { name: /Northwind Outdoor/ })
      .getByText('Net revenue')
      .waitFor();
    await expectAccessible(page);
    await queue.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('Nothing waits for review.').waitFor();
    const { body } = await apiCall(page, 'GET', `/v1/deliverables/${ids.deliverable}`);
    expect(body.status).toBe('approved');
  });

  it('sorts Relationships on a column header server-side, keeping sort and filters in the URL', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Relationships' }).click();
    const row = page.getByRole('row', { name: /Elias Schmidt/ });
    // Tier, brand, status, the current term's end and the quarter's ROI (no spend yet: none). The cached list shows first,
    // from before the activation: wait for the refreshed row.
    await page.getByRole('row', { name: /Elias Schmidt.*micro.*Northwind Outdoor.*active.*\d{4}.*—/ }).waitFor();
    await page.getByRole('button', { name: /Quarter ROI/ }).click();
    await page.waitForURL(/sort=-quarterRoi/);
    await expect(page.getByRole('columnheader', { name: /Quarter ROI/ }).getAttribute('aria-sort')).resolves.toBe('descending');
    await page.getByLabel('Status').selectOption('active');
    await page.waitForURL(/status=active/);
    expect(page.url()).toMatch(/sort=-quarterRoi/);
    await row.waitFor();
    await page.reload();
    await row.waitFor();
    await expect(page.getByRole('columnheader', { name: /Quarter ROI/ }).getAttribute('aria-sort')).resolves.toBe('descending');
    await expectAccessible(page);
  });

  it('creates a code, reverses a conversion, adds a cost (its bad field shows the error beside it), and charts the months', async () => {
    await page.goto(`/app/relationships/${ids.relationship}?tab=codes`);
    await page.getByText('No codes or links yet.').waitFor();
    await page.getByRole('button', { name: 'New code or link' }).click();
    await page.getByLabel('Code or slug').fill('ELIAS10');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('row', { name: /ELIAS10.*code/ }).waitFor();
    await expectAccessible(page);

    const order = {
      source: 'api',
      externalId: 'order-7',
      occurredAt: new Date().toISOString(),
      amount: '120.00',
      currency: 'EUR',
      code: 'elias10',
    };
    expect((await apiCall(page, 'POST', '/v1/conversions', order)).status).toBe(201);
    await page.getByRole('link', { name: 'Conversions' }).click();
    const conversion = page.getByRole('row', { name: /order-7/ });
    await conversion.getByRole('button', { name: 'Reverse…' }).click();
    await page.getByLabel(/^Amount/).fill('20.00');
    await page.getByLabel('Reason').fill('Customer returned a bottle');
    await page.getByRole('button', { name: 'Reverse', exact: true }).click();
    await page.getByRole('row', { name: /order-7.*120\.00 EUR.*20\.00 EUR/ }).waitFor();
    await expectAccessible(page);
    const { body } = await apiCall(page, 'GET', `/v1/conversions?relationshipId=${ids.relationship}`);
    expect((body.data as { reversedAmount: string }[])[0].reversedAmount).toBe('20.00');

    await page.getByRole('link', { name: 'Costs' }).click();
    await page.getByRole('button', { name: 'Add a cost' }).click();
    await page.getByLabel('Kind').selectOption('bonus');
    const amount = page.getByLabel(/^Amount/);
    await amount.fill('lots');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('input[aria-invalid="true"]').first().waitFor();
    await expect(amount.getAttribute('aria-invalid')).resolves.toBe('true');
    const errorId = await amount.getAttribute('aria-describedby');
    await expect(page.locator(`[id="${errorId}"]`).textContent()).resolves.toMatch(/decimal string/);
    await expect(page.getByLabel('Description (needed when negative)').getAttribute('aria-invalid')).resolves.toBeNull();
    await expectAccessible(page);
    await amount.fill('75.00');
    await page.getByLabel('Description (needed when negative)').fill('Spring race bonus');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('row', { name: /bonus.*Spring race bonus.*75\.00 EUR/ }).waitFor();

    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('img', { name: 'Net revenue and spend per month' }).locator('canvas').first().waitFor();
    await page.getByRole('table', { name: 'Monthly figures' }).waitFor();
    await expectAccessible(page);
  });

  it("shows a relationship's conversions 100 at a time: Show more loads the rest into the list", async () => {
    const orders = Array.from({ length: 120 }, (_, i) => ({
      source: 'api',
      externalId: `bulk-${String(i).padStart(3, '0')}`,
      occurredAt: new Date(Date.now() - (i + 1) * 60_000).toISOString(),
      amount: '10.00',
      currency: 'EUR',
      code: 'elias10',
    }));
    const batch = await apiCall(page, 'POST', '/v1/conversions/batch', { conversions: orders });
    expect(batch.body).toMatchObject({ accepted: 120 });
    await page.goto(`/app/relationships/${ids.relationship}?tab=conversions`);
    const table = page.getByRole('table', { name: 'Conversions' });
    await table
      .getByRole('row', { name: /order-7|bulk-/ })
      .first()
      .waitFor();
    await expect(table.getByRole('row', { name: /order-7|bulk-/ }).count()).resolves.toBe(100);
    await page.getByRole('button', { name: 'Show more conversions' }).click();
    await table.getByRole('row', { name: /bulk-119/ }).waitFor();
    await expect(table.getByRole('row', { name: /order-7|bulk-/ }).count()).resolves.toBe(121);
    await expect(page.getByRole('button', { name: 'Show more conversions' }).count()).resolves.toBe(0);
    await expectAccessible(page);
  });

  it("shows a renewal's ROI trend on Program and the quarter's ROI in Relationships, from the rollups", async () => {
    const me = await apiCall(page, 'GET', '/v1/me');
    const workspaceId = (me.body.workspace as { id: string }).id;
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' });
    await insertDailyStats(ctx.t.databaseUrl, workspaceId, ids.relationship, {
      [daysAgo(0)]: { revenue: '300', spend_retainer: '100' },
      [daysAgo(100)]: { revenue: '50', spend_retainer: '100' },
    });
    await page.goto('/app/');
    const renewal = page.getByRole('region', { name: /Renewals in the next 90 days/ }).getByRole('row', { name: /Elias Schmidt/ });
    await renewal.getByRole('img', { name: /^ROI 20\d\d-Q\d .*-50%.*\+200%$/ }).waitFor();
    await expectAccessible(page);
    await page.goto('/app/relationships?sort=-quarterRoi');
    await page.getByRole('row', { name: /Elias Schmidt.*\+200%/ }).waitFor();
  });

  it("says a renewal's ROI trend is not available when the API refuses it, rather than loading for ever", async () => {
    const refused = { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'relationshipId: must be an array' };
    await page.route('**/v1/relationships/roi-trends?*', (route) =>
      route.fulfill({ status: 400, contentType: 'application/problem+json', body: JSON.stringify(refused) }),
    );
    try {
      await page.goto('/app/');
      const renewal = page.getByRole('region', { name: /Renewals in the next 90 days/ }).getByRole('row', { name: /Elias Schmidt/ });
      await renewal.getByText('not available').waitFor();
    } finally {
      await page.unroute('**/v1/relationships/roi-trends?*');
    }
  });

  it('offers a viewer no write action, after switching into the workspace they were invited to', async () => {
    const login = await ctx.t.http.post('/v1/auth/login').send({ email: manager.email, password }).expect(200);
    const owner = { auth: { Authorization: `Bearer ${login.body.accessToken}` } };
    const person = await signup(ctx.t.http, { password });
    await addMember(ctx.t, owner, person, 'viewer');

    const viewer = await newPage();
    await viewer.goto('/app/sign-in');
    await viewer.getByLabel('Email').fill(person.email);
    await viewer.getByLabel('Password').fill(password);
    await viewer.getByRole('button', { name: 'Sign in' }).click();
    await viewer.getByRole('heading', { level: 1, name: 'Program' }).waitFor();
    await viewer.getByLabel('Workspace').selectOption({ label: manager.workspaceName });
    await viewer.getByText('(viewer)').waitFor();
    await viewer
      .getByRole('region', { name: /Renewals/ })
      .getByRole('row', { name: /Elias Schmidt/ })
      .waitFor();
    await expect(viewer.getByRole('button', { name: /Renew|Cancel auto-renew|Approve/ }).count()).resolves.toBe(0);
    await viewer.goto(`/app/relationships/${ids.relationship}?tab=terms`);
    await viewer.getByRole('row', { name: /Term 1/ }).waitFor();
    await expect(viewer.getByRole('button', { name: /Activate|Renew|Cancel auto-renew|Terminate/ }).count()).resolves.toBe(0);
    await expectAccessible(viewer);
    for (const [tab, row] of [
      ['conversions', /order-7/],
      ['costs', /Spring race bonus/],
      ['codes', /ELIAS10/],
    ] as const) {
      await viewer.goto(`/app/relationships/${ids.relationship}?tab=${tab}`);
      await viewer.getByRole('row', { name: row }).waitFor();
      await expect(
        viewer
          .getByRole('button')
          .filter({ hasText: /Reverse|Void|Add a cost|New code/ })
          .count(),
      ).resolves.toBe(0);
    }
  });

  it("joins from an invitation email's link: the page names the invitation, a new person creates an account there and lands in the workspace", async () => {
    const workspaceName = 'Lumen Skincare';
    const owner = await signup(ctx.t.http, { workspaceName });
    const email = `nina-${Date.now()}@lumen.example`;
    const invited = await ctx.t.http.post('/v1/members').set(owner.auth).send({ email, role: 'manager' }).expect(202);
    // The link the email carries (invitationLink), made as the email makes it.
    const link = invitationLink('http://localhost:3000', signInvitationToken(ctx.t.env.JWT_SECRET, invited.body.id));
    expect(link).toMatch(/^http:\/\/localhost:3000\/app\/join\?token=/);

    const invitee = await newPage();
    await invitee.goto(link.replace('http://localhost:3000', ''));
    await invitee.getByRole('heading', { level: 1, name: `Join ${workspaceName}` }).waitFor();
    await invitee.getByText(email).first().waitFor();
    await expectAccessible(invitee);
    await invitee.getByLabel('Your name').fill('Nina Newcomer');
    await invitee.getByLabel(/^Password/).fill(password);
    await invitee.getByRole('button', { name: 'Create account and join' }).click();
    await invitee.getByRole('heading', { level: 1, name: 'Program' }).waitFor();
    await invitee.getByText('(manager)').waitFor();
    expect((await apiCall(invitee, 'GET', '/v1/me')).body).toMatchObject({ role: 'manager', workspace: { name: workspaceName } });

    // Used once: the same link now says it is not valid.
    const again = await newPage();
    await again.goto(link.replace('http://localhost:3000', ''));
    await again.getByRole('heading', { level: 1, name: 'Invitation not valid' }).waitFor();
    await expectAccessible(again);
  });

  it('terminates a term from its page: a last day outside the term shows its error beside the field', async () => {
    await page.goto(`/app/relationships/${ids.relationship}?tab=terms`);
    await page.getByRole('button', { name: 'Terminate…' }).click();
    const lastDay = page.getByLabel(/^Last day in force/);
    await lastDay.fill('2000-01-01');
    await page.getByLabel('Reason').fill('Brand strategy changed');
    await page.getByRole('button', { name: 'Terminate term 1' }).click();
    await page.locator('input[aria-invalid="true"]').first().waitFor();
    const lastDayError = await lastDay.getAttribute('aria-describedby');
    await expect(page.locator(`[id="${lastDayError}"]`).textContent()).resolves.toMatch(/within the term/);
    await lastDay.fill('');
    await page.getByRole('button', { name: 'Terminate term 1' }).click();
    await page.getByRole('row', { name: /Term 1.*terminated/ }).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Activity' }).click();
    await page.getByText(/contract terminated/).waitFor();
  });

  it('signs out: the session ends on the server and the console asks to sign in again', async () => {
    await page.getByText(`${manager.name} (owner)`).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/app\/sign-in$/);
    expect((await apiCall(page, 'GET', '/v1/me')).status).toBe(401);
    await page.goto('/app/relationships');
    await page.waitForURL(/\/app\/sign-in\?next=%2Frelationships$/);
  });
});
