import { randomUUID } from 'node:crypto';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { loadConfig } from '@app/config';
import { createMailTransport } from '@app/mail';
import {
  addMember,
  CHROMIUM,
  expectFocusOn,
  expectTitle,
  focusedElement,
  insertDailyStats,
  seriousA11yViolations,
  signup,
  useTestApp,
} from './support';

/**
 * The console's Influencers, Reports and Settings pages as a person uses them (issue 14), in Debian's
 * Chromium against the built app and the real API, PostgreSQL and Redis; axe-core on every page.
 */
describe('console pages: influencers, reports, settings (e2e)', () => {
  jest.setTimeout(90_000);
  const ctx = useTestApp();
  let browser: Browser;
  let baseUrl: string;
  const contexts: BrowserContext[] = [];
  const password = 'a long enough password';
  const owner = { workspaceName: 'Northwind Outdoor', name: 'Maya Manager', email: `maya-${Date.now()}@northwind.example` };
  let page: Page;
  const ids: Record<string, string> = {};

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: baseUrl, acceptDownloads: true });
    contexts.push(context);
    const p = await context.newPage();
    p.on('dialog', (dialog) => void dialog.accept());
    return p;
  }

  /** A call with the page's own session cookie and the console's CSRF header. */
  async function apiCall(p: Page, method: string, path: string, data?: object, headers: Record<string, string> = {}) {
    const response = await p.request.fetch(path, { method, headers: { 'X-Requested-With': 'web', ...headers }, data });
    return { status: response.status(), body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
  }

  async function post(path: string, data: object): Promise<string> {
    const { status, body } = await apiCall(page, 'POST', path, data);
    expect({ path, status }).toEqual({ path, status: 201 });
    return body.id as string;
  }

  async function expectAccessible(p: Page): Promise<void> {
    expect({ url: p.url(), violations: await seriousA11yViolations(p) }).toEqual({ url: p.url(), violations: [] });
  }

  /** The message shown beside a field: the input is marked invalid and described by it. */
  async function errorBeside(p: Page, label: string | RegExp): Promise<string | null> {
    const input = p.getByLabel(label, { exact: typeof label === 'string' });
    await p.locator(`[aria-invalid="true"]`).first().waitFor();
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    return p.locator(`[id="${await input.getAttribute('aria-describedby')}"]`).textContent();
  }

  beforeAll(async () => {
    await ctx.t.app.listen(0, '127.0.0.1');
    baseUrl = (await ctx.t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await chromium.launch({ executablePath: CHROMIUM });
    page = await newPage();
    expect((await apiCall(page, 'POST', '/v1/auth/signup', { ...owner, password })).status).toBe(201);
    expect((await apiCall(page, 'POST', '/v1/auth/session', { email: owner.email, password })).status).toBe(200);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('creates a brand in Settings › Brands, with a bad currency refused beside its field', async () => {
    await page.goto('/app/settings');
    await page.waitForURL(/\/app\/settings\/workspace$/);
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Brands' }).click();
    await page.waitForURL(/\/settings\/brands$/);
    await expectTitle(page, 'Brands · Settings · Ambassador CRM');
    await page.getByText('No brands yet').waitFor();
    await page.getByRole('button', { name: 'New brand' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Northwind Outdoor');
    await page.getByLabel('Currency (ISO 4217)').fill('XYZ');
    await page.getByLabel('Time zone (IANA)').fill('Europe/Paris');
    await page.getByRole('button', { name: 'Create brand' }).click();
    await expect(errorBeside(page, 'Currency (ISO 4217)')).resolves.toMatch(/currency|ISO/i);
    await expect(page.getByLabel('Time zone (IANA)').getAttribute('aria-invalid')).resolves.toBeNull();
    await expectAccessible(page);
    await page.getByLabel('Currency (ISO 4217)').fill('EUR');
    await page.getByRole('button', { name: 'Create brand' }).click();
    await page.getByRole('row', { name: /Northwind Outdoor EUR Europe\/Paris January/ }).waitFor();
    const brands = await apiCall(page, 'GET', '/v1/brands');
    ids.brand = (brands.body.data as { id: string }[])[0].id;
  });

  it('creates an influencer with a social account (field error beside the account field), finds it by filters and edits it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Influencers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Influencers' }).waitFor();
    await expectTitle(page, 'Influencers · Ambassador CRM');
    await page.getByText('No influencers yet').waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'New influencer' }).click();
    await page.waitForURL(/\/influencers\/new$/);
    await page.getByLabel('Name', { exact: true }).fill('Elias Schmidt');
    await page.getByLabel('Email').fill('elias@example.com');
    await page.getByLabel('Country (2 letters)').fill('DE');
    const account = page.getByRole('group', { name: 'Account 1' });
    await account.getByLabel('Handle').fill('@elias.trails');
    await account.getByLabel('Followers').fill('24k');
    await page.getByRole('button', { name: 'Create influencer' }).click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    const followers = account.getByLabel('Followers');
    await expect(followers.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator(`[id="${await followers.getAttribute('aria-describedby')}"]`).textContent()).resolves.toMatch(/number/i);
    await expect(account.getByLabel('Handle').getAttribute('aria-invalid')).resolves.toBeNull();
    await expectAccessible(page);
    await followers.fill('24000');
    await page.getByRole('button', { name: 'Add account' }).click();
    const second = page.getByRole('group', { name: 'Account 2' });
    await second.getByLabel('Platform').selectOption('tiktok');
    await second.getByLabel('Handle').fill('elias.tt');
    await second.getByLabel('Followers').fill('3100');
    await page.getByRole('button', { name: 'Create influencer' }).click();
    await page.waitForURL(/\/app\/influencers$/);
    const row = page.getByRole('row', { name: /Elias Schmidt/ });
    await expect(row.textContent()).resolves.toMatch(/instagram @elias\.trails.*tiktok @elias\.tt.*micro.*24K.*DE/);

    await page.getByLabel('Platform').selectOption('youtube');
    await page.waitForURL(/platform=youtube/);
    await page.getByText('No influencer matches these filters.').waitFor();
    await page.getByLabel('Platform').selectOption('tiktok');
    await page.getByLabel('Tier').selectOption('micro');
    await page.waitForURL(/tier=micro/);
    await row.waitFor();
    await page.getByRole('searchbox').fill('trails');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=trails/);
    await row.waitFor();
    await expectAccessible(page);

    await row.getByRole('link', { name: 'Elias Schmidt' }).click();
    await page.waitForURL(/\/influencers\/[0-9a-f-]{36}$/);
    // The title names the influencer once their record is in (read at once, it raced the API's answer).
    await page.getByRole('heading', { level: 1, name: /Elias Schmidt/ }).waitFor();
    await expectTitle(page, 'Elias Schmidt · Influencers · Ambassador CRM');
    await page.getByRole('button', { name: 'Remove account 2' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Elias Schmidt-Berg');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/\/app\/influencers$/);
    await expect(page.getByRole('row', { name: /Elias Schmidt-Berg/ }).textContent()).resolves.not.toMatch(/tiktok/);
    ids.influencer = ((await apiCall(page, 'GET', '/v1/influencers?q=trails')).body.data as { id: string }[])[0].id;
  });

  it('imports a CSV file and shows the rejected rows as a table, keeping the valid ones', async () => {
    await page.getByRole('link', { name: 'Import CSV' }).click();
    await page.waitForURL(/\/influencers\/import$/);
    await expectTitle(page, 'Import influencers · Influencers · Ambassador CRM');
    const csv = [
      'name,email,instagram_handle,instagram_followers',
      'Lena Berg,lena@example.com,lena.outdoors,48200',
      'No Email,not-an-email,nobody,10',
      'Tom Okafor,tom@example.com,tomdances,48k',
      'Elias Schmidt-Berg,elias@example.com,elias.trails,25000',
    ].join('\n');
    await page.getByLabel('CSV file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText('1 created, 1 updated, 2 rejected.').waitFor();
    const rejected = page.getByRole('table', { name: 'Rejected rows' });
    await expect(rejected.getByRole('row', { name: /^3 email/ }).count()).resolves.toBe(1);
    await expect(rejected.getByRole('row', { name: /^4 instagram_followers/ }).count()).resolves.toBe(1);
    await expectAccessible(page);
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('name,mail\nA,a@example.com') });
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('alert').filter({ hasText: 'nothing was imported' }).waitFor();
    await page.goBack();
    await page.getByRole('row', { name: /Lena Berg/ }).waitFor();
  });

  it("shows a brand's quarterly report with its ranked relationships, downloads the CSV, sends it and makes a share link", async () => {
    ids.relationship = await post('/v1/relationships', { brandId: ids.brand, influencerId: ids.influencer });
    // Reports read the rollups only: the day's figures written as the rollups engine would.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const workspaceId = ((await apiCall(page, 'GET', '/v1/me')).body.workspace as { id: string }).id;
    await insertDailyStats(ctx.t.databaseUrl, workspaceId, ids.relationship, {
      [today]: { conversions: 3, revenue: '1200.00', spend_retainer: '800.00' },
    });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    const ranked = page.getByRole('region', { name: /Relationships, best ROI first \(1 of 1\)/ });
    await ranked.getByRole('row', { name: /^1 Elias Schmidt-Berg micro/ }).waitFor();
    await expectTitle(page, /^Northwind Outdoor \d{4}-Q[1-4] · Reports · Ambassador CRM$/);
    await page
      .getByRole('region', { name: /Northwind Outdoor \d{4}-Q[1-4]/ })
      .getByText('Spend')
      .waitFor();
    await expectAccessible(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('utf8')).toMatch(/Elias Schmidt-Berg/);

    await page.getByRole('button', { name: "Email to the brand's managers" }).click();
    await page.getByText(/Queued: the \d{4}-Q[1-4] report is on its way/).waitFor();
    await page.getByRole('button', { name: 'Create a share link' }).click();
    const link = await page.getByLabel('Share link').inputValue();
    expect(link).toMatch(/\/v1\/reports\/quarterly\/view\/shared\?/);
    const shared = await page.request.fetch(link.replace(/^https?:\/\/[^/]+/, ''));
    expect(shared.status()).toBe(200);
    expect(await shared.text()).toMatch(/Elias Schmidt-Berg/);
    await expectAccessible(page);
  });

  it('manages the workspace, members, API keys (shown once), the Shopify secret and webhook endpoints', async () => {
    await page.goto('/app/settings/workspace');
    await page.getByLabel('Name', { exact: true }).fill('Northwind Outdoor GmbH');
    await page.getByLabel('micro from').fill('-5');
    await page.getByRole('button', { name: 'Save workspace' }).click();
    await expect(errorBeside(page, 'micro from')).resolves.toBeTruthy();
    await page.getByLabel('micro from').fill('10000');
    await page.getByRole('button', { name: 'Save workspace' }).click();
    await page.getByText('Saved.').waitFor();
    // The workspace switcher shows the new name (every list refreshes after a write).
    await page.locator('option', { hasText: 'Northwind Outdoor GmbH' }).waitFor({ state: 'attached' });
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Members' }).click();
    await page.waitForURL(/\/settings\/members$/);
    const person = await signup(ctx.t.http, { password, name: 'Lena Colleague' });
    const login = await ctx.t.http.post('/v1/auth/login').send({ email: owner.email, password }).expect(200);
    await addMember(ctx.t, { auth: { Authorization: `Bearer ${login.body.accessToken}` } }, person, 'manager');
    await page.reload();
    const member = page.getByRole('row', { name: /Lena Colleague/ });
    const changed = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/v1/members/'));
    await member.getByLabel('Role of Lena Colleague').selectOption('viewer');
    expect((await changed).status()).toBe(200);
    const members = (await apiCall(page, 'GET', '/v1/members')).body.data as { email: string; role: string }[];
    expect(members.find((m) => m.email === person.email)?.role).toBe('viewer');
    await page.getByLabel('Email').fill('new.person@example.com');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Invitation emailed to new.person@example.com as manager').waitFor();
    await page
      .getByRole('region', { name: 'Invitations' })
      .getByRole('row', { name: /new\.person@example\.com manager pending/ })
      .waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByText('No API keys yet.').waitFor();
    await page.getByLabel('Name').fill('Shop sync');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = await page.getByLabel('API key Shop sync').inputValue();
    expect(key).toMatch(/^ak_/);
    await page.getByRole('row', { name: /Shop sync manager/ }).waitFor();
    await ctx.t.http
      .get('/v1/me')
      .set({ Authorization: `Bearer ${key}` })
      .expect(200);
    await expectAccessible(page);
    await page.reload();
    await page.getByRole('row', { name: /Shop sync/ }).waitFor();
    await expect(page.getByText(key).count()).resolves.toBe(0);
    await expect(page.getByLabel('API key Shop sync').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Revoke Shop sync' }).click();
    await page.getByText(/^revoked/).waitFor();
    await ctx.t.http
      .get('/v1/me')
      .set({ Authorization: `Bearer ${key}` })
      .expect(401);

    await page.getByRole('link', { name: 'Shopify' }).click();
    const workspaceId = ((await apiCall(page, 'GET', '/v1/me')).body.workspace as { id: string }).id;
    await expect(page.getByLabel('Webhook URL to paste into Shopify').inputValue()).resolves.toBe(
      `${baseUrl}/v1/webhooks/shopify/${workspaceId}`,
    );
    await page.getByLabel('Shopify webhook signing secret').fill('shpss_0123456789abcdef');
    await page.getByRole('button', { name: 'Save secret' }).click();
    await page.getByText('Secret saved').waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByLabel('URL (https)').fill('not a url');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(errorBeside(page, 'URL (https)')).resolves.toBeTruthy();
    await page.getByLabel('URL (https)').fill('https://hooks.example.com/acrm');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(page.getByLabel('Signing secret of https://hooks.example.com/acrm').inputValue()).resolves.toMatch(/^whsec_/);
    await page.getByRole('row', { name: /hooks\.example\.com\/acrm all enabled/ }).waitFor();
    await expectAccessible(page);

    // What the "disabled" email sends an admin here to do: enable, ping, replay what was missed.
    await page.getByRole('button', { name: 'Disable https://hooks.example.com/acrm' }).click();
    await page.getByRole('row', { name: /hooks\.example\.com\/acrm all disabled/ }).waitFor();
    await page.getByRole('button', { name: 'Enable https://hooks.example.com/acrm' }).click();
    await page.getByRole('row', { name: /hooks\.example\.com\/acrm all enabled/ }).waitFor();
    await page.getByRole('button', { name: 'Send test to https://hooks.example.com/acrm' }).click();
    await page.getByRole('button', { name: 'Replay https://hooks.example.com/acrm' }).click();
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: /since/ }).waitFor();
    await page.getByLabel('Events since').fill('2026-01-01T00:00');
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^\d+ events queued again$/ })
      .waitFor();
    await expectAccessible(page);
    const endpoints = (await apiCall(page, 'GET', '/v1/webhook-endpoints')).body.data as { id: string; url: string }[];
    const hook = endpoints.find((e) => e.url === 'https://hooks.example.com/acrm');
    const deliveries = await apiCall(page, 'GET', `/v1/webhook-endpoints/${hook?.id}/deliveries`);
    expect((deliveries.body.data as { eventType: string }[]).map((d) => d.eventType)).toContain('ping');
  });

  it('offers a viewer no write action on these pages, and no admin section', async () => {
    const viewer = await newPage();
    const person = await signup(ctx.t.http, { password, name: 'Vic Viewer' });
    const login = await ctx.t.http.post('/v1/auth/login').send({ email: owner.email, password }).expect(200);
    await addMember(ctx.t, { auth: { Authorization: `Bearer ${login.body.accessToken}` } }, person, 'viewer');
    expect((await apiCall(viewer, 'POST', '/v1/auth/session', { email: person.email, password })).status).toBe(200);
    const workspaceId = ((await apiCall(page, 'GET', '/v1/me')).body.workspace as { id: string }).id;
    expect((await apiCall(viewer, 'PATCH', '/v1/auth/session', { workspaceId })).status).toBe(200);

    await viewer.goto('/app/influencers');
    await viewer.getByRole('row', { name: /Lena Berg/ }).waitFor();
    await expect(viewer.getByRole('link', { name: /New influencer|Import CSV/ }).count()).resolves.toBe(0);
    await viewer.getByRole('link', { name: 'Elias Schmidt-Berg' }).click();
    await viewer.getByRole('heading', { level: 1, name: /Elias Schmidt-Berg/ }).waitFor();
    await expect(viewer.getByRole('button', { name: /Save|Add account|Remove/ }).count()).resolves.toBe(0);
    await expect(viewer.getByLabel('Name', { exact: true }).isDisabled()).resolves.toBe(true);

    await viewer.goto('/app/reports');
    await viewer.getByRole('button', { name: 'Download CSV' }).waitFor();
    await expect(viewer.getByRole('button', { name: /Email|share link/ }).count()).resolves.toBe(0);

    await viewer.goto('/app/settings/brands');
    await viewer.getByRole('row', { name: /Northwind Outdoor/ }).waitFor();
    await expect(viewer.getByRole('button', { name: /New brand|Edit/ }).count()).resolves.toBe(0);
    const sections = viewer.getByRole('navigation', { name: 'Settings' }).getByRole('link');
    await expect(sections.allTextContents()).resolves.toEqual(['Workspace', 'Brands']);
    await viewer.goto('/app/settings/api-keys');
    await viewer.getByText('Only admins and owners can see this section.').waitFor();
    await viewer.goto('/app/settings/workspace');
    await viewer.getByText('Only admins and owners can change these.').waitFor();
    await expect(viewer.getByRole('button', { name: 'Save workspace' }).count()).resolves.toBe(0);
    await expectAccessible(viewer);
  });

  it("lists the zero-config outbox's messages to the workspace's people with their links, to admins only", async () => {
    const transport = createMailTransport(loadConfig({ MAIL_OUTBOX_DIR: ctx.t.env.MAIL_OUTBOX_DIR }));
    try {
      await transport.send({
        to: owner.email,
        subject: 'Renewal: Elias Schmidt-Berg ends soon',
        text: `Open the relationship: ${baseUrl}/app/relationships/${ids.relationship}?tab=terms`,
        html: `<p><a href="${baseUrl}/app/relationships/${ids.relationship}?tab=terms">Open the relationship</a></p>`,
      });
      await transport.send({ to: 'stranger@elsewhere.example', subject: 'Not for this workspace', text: 'https://elsewhere.example/' });
      // A notification of no notification of this workspace (another workspace's, to a shared address): not listed.
      await transport.send({
        to: owner.email,
        subject: 'Another workspace notification',
        text: 'x',
        messageId: `<notification-${randomUUID()}@localhost>`,
      });
    } finally {
      transport.close();
    }
    await page.goto('/app/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mail outbox' }).click();
    await page.waitForURL(/\/app\/mail-outbox$/);
    await expectTitle(page, 'Mail outbox · Ambassador CRM');
    const message = page.getByRole('region', { name: /Renewal: Elias Schmidt-Berg ends soon/ });
    await message.waitFor();
    await expect(page.getByText(/Not for this workspace|Another workspace notification/).count()).resolves.toBe(0);
    await expectAccessible(page);
    // Listening before the click: the new tab can open before the click's promise settles.
    const [opened] = await Promise.all([
      page.context().waitForEvent('page'),
      message
        .getByRole('link', { name: /\/app\/relationships\// })
        .first()
        .click(),
    ]);
    await opened
      .getByRole('heading', { name: /Elias Schmidt-Berg/ })
      .first()
      .waitFor();

    // Another workspace's admin does not see them; a viewer is refused.
    const elsewhere = await ctx.t.http.get('/v1/mail-outbox').set(ctx.owner.auth).expect(200);
    expect(elsewhere.body.data.map((m: { subject: string }) => m.subject)).not.toContain('Renewal: Elias Schmidt-Berg ends soon');
    const person = await signup(ctx.t.http, { password });
    const login = await ctx.t.http.post('/v1/auth/login').send({ email: owner.email, password }).expect(200);
    const viewer = await addMember(ctx.t, { auth: { Authorization: `Bearer ${login.body.accessToken}` } }, person, 'viewer');
    await ctx.t.http.get('/v1/mail-outbox').set(viewer.auth).expect(403);
  });

  it("moves focus to the main heading of the page reached, so a screen reader says where you are (not on a section's tab)", async () => {
    const p = page;
    await p.goto('/app/influencers');
    await p.getByRole('heading', { level: 1, name: 'Influencers' }).waitFor();
    // The first page: the reader starts at the top.
    await expect(p.evaluate('document.activeElement?.tagName')).resolves.toBe('BODY');

    // By keyboard to another page: its heading, announced as the page's start.
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).focus();
    await p.keyboard.press('Enter');
    await p.waitForURL(/\/app\/reports/);
    await expectFocusOn(p, 'H1 Reports');
    // Back: the page returned to.
    await p.goBack();
    await expectFocusOn(p, 'H1 Influencers');
    // A heading that comes with the data: main holds focus until the relationship's name is there.
    await p.goto('/app/relationships');
    await p.getByRole('link', { name: 'Elias Schmidt-Berg' }).click();
    await expectFocusOn(p, 'H1 Elias Schmidt-Berg × Northwind Outdoor');
    // Settings: its heading once; a section's tab keeps focus on the tab (the heading has not changed).
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expectFocusOn(p, 'H1 Settings');
    await p.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Brands' }).focus();
    await p.keyboard.press('Enter');
    await p.waitForURL(/\/settings\/brands$/);
    await p.getByRole('row', { name: /Northwind Outdoor EUR/ }).waitFor();
    await expect(focusedElement(p)).resolves.toBe('A Brands');
    await expectAccessible(p);
  });
});
