import { mkdirSync, readFileSync } from 'node:fs';
import { Browser, chromium, Page } from 'playwright-core';
import { CHROMIUM, expectTitle, seriousA11yViolations, Session, signup, useTestApp } from './support';

/**
 * The console's payout pages as an admin uses them (docs/payouts.md, issue 16): everyone owed, the minimum,
 * a run built from the page, its statement, approve / export / mark paid, the payee's method, and run-wide
 * fail and cancel that give the entries back. The built app on the real API, PostgreSQL and Redis, in
 * Debian's Chromium; every page checked with axe-core. Screenshots: SCREENSHOTS_DIR (default /tmp/console-payouts).
 */
describe('console payouts in Chromium (e2e)', () => {
  jest.setTimeout(120_000);
  const ctx = useTestApp();
  const shots = process.env.SCREENSHOTS_DIR ?? '/tmp/console-payouts';
  const password = 'a long enough password';
  let owner: Session;
  let browser: Browser;
  let page: Page;
  const ids: Record<string, string> = {};
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

  async function expectAccessible(): Promise<void> {
    expect({ url: page.url(), violations: await seriousA11yViolations(page) }).toEqual({ url: page.url(), violations: [] });
  }
  const shot = (name: string) => page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  const post = async (path: string, body: object) => (await ctx.t.http.post(path).set(owner.auth).send(body).expect(201)).body.id as string;
  const bonus = (relationshipId: string, amount: string) =>
    post(`/v1/relationships/${relationshipId}/costs`, { kind: 'bonus', amount, incurredOn: daysAgo(2), description: 'Launch bonus' });
  const row = (name: RegExp) => page.getByRole('row', { name });

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    const email = `ines-${Date.now()}@northwind.example`;
    owner = await signup(ctx.t.http, { workspaceName: 'Northwind Outdoor', name: 'Ines Admin', email, password });
    ids.brand = await post('/v1/brands', { name: 'Northwind', currency: 'EUR', timezone: 'Europe/Paris' });
    for (const [key, name] of [
      ['ana', 'Ana Lima'],
      ['ben', 'Ben Okafor'],
    ]) {
      const influencer = await post('/v1/influencers', { name, email: `${key}@example.com` });
      ids[key] = influencer;
      ids[`${key}Relationship`] = await post('/v1/relationships', { brandId: ids.brand, influencerId: influencer });
    }
    await bonus(ids.anaRelationship, '120.00');
    await bonus(ids.anaRelationship, '15.50');
    await bonus(ids.benRelationship, '30.00');

    await ctx.t.app.listen(0, '127.0.0.1');
    const baseUrl = (await ctx.t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await chromium.launch({ executablePath: CHROMIUM });
    const context = await browser.newContext({ baseURL: baseUrl, acceptDownloads: true });
    page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    const signedIn = await page.request.fetch('/v1/auth/session', {
      method: 'POST',
      headers: { 'X-Requested-With': 'web' },
      data: { email, password },
    });
    expect(signedIn.status()).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows everyone owed under Payouts and saves the minimum', async () => {
    await page.goto('/app/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payouts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Payouts' }).waitFor();
    await expectTitle(page, 'Payouts · Ambassador CRM');
    await expect(row(/Ana Lima/).textContent()).resolves.toMatch(/135\.50 EUR/);
    await expect(row(/Ben Okafor/).textContent()).resolves.toMatch(/30\.00 EUR/);
    await page.getByText('No payout run yet.').waitFor();

    const minimum = page.getByLabel("Smallest payout, in each payout's currency");
    await expect(minimum.inputValue()).resolves.toBe('50.00');
    await minimum.fill('-1');
    await page.getByRole('button', { name: 'Save minimum' }).click();
    await page.locator('input[aria-invalid="true"]').waitFor();
    await expectAccessible();
    await minimum.fill('40.00');
    await page.getByRole('button', { name: 'Save minimum' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await shot('payouts');
  });

  it('builds a run from the page: one draft over the minimum, the smaller total carried', async () => {
    await page.getByLabel('Pay everything through').fill(daysAgo(1));
    await page.getByRole('button', { name: 'Build draft payouts' }).click();
    await page.getByRole('heading', { level: 1, name: /^Run through / }).waitFor();
    ids.run = page.url().split('/').pop()!;
    await expect(row(/Ana Lima/).textContent()).resolves.toMatch(/135\.50 EUR.*draft/);
    await expect(page.getByRole('row', { name: /Ben Okafor/ }).count()).resolves.toBe(0);
    await expect(page.getByRole('table', { name: /per status and currency/ }).textContent()).resolves.toMatch(/draft.*1.*135\.50 EUR/);
    await expectAccessible();
    await shot('run-draft');
  });

  it('shows the statement of the payout, lines per brand and kind, total', async () => {
    await row(/Ana Lima/)
      .getByRole('link', { name: /Statement/ })
      .click();
    await page.getByRole('heading', { level: 1, name: /^Statement: Ana Lima/ }).waitFor();
    const lines = page.getByRole('table', { name: 'Statement lines' });
    await expect(lines.getByRole('row', { name: /Northwind.*Bonus/ }).textContent()).resolves.toMatch(/2.*135\.50 EUR/);
    await expect(lines.getByRole('row', { name: /Opening balance/ }).textContent()).resolves.toMatch(/0\.00 EUR/);
    await expect(lines.getByRole('row', { name: /^Total/ }).textContent()).resolves.toMatch(/135\.50 EUR/);
    await page.getByText('No payout method on file').waitFor();
    await expectAccessible();
    await shot('statement');
    await page.getByRole('link', { name: /Run through/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Run through / }).waitFor();
  });

  it('approves, exports the approved payout as CSV and marks it paid with the reference', async () => {
    await row(/Ana Lima/)
      .getByRole('button', { name: 'Approve' })
      .click();
    await row(/Ana Lima.*approved/).waitFor();
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Plain CSV' }).click()]);
    const csv = readFileSync(await file.path(), 'utf8');
    expect(csv.split('\n')[0]).toBe('payout_id,influencer_id,name,email,currency,amount,period_end,method');
    expect(csv).toMatch(/Ana Lima,ana@example\.com,EUR,135\.50,/);

    await row(/Ana Lima/)
      .getByRole('button', { name: 'Mark paid' })
      .click();
    await page.getByLabel('Payment reference').fill('PP-BATCH-7');
    await row(/Ana Lima/)
      .getByRole('button', { name: 'Mark paid' })
      .click();
    await row(/Ana Lima.*paid.*PP-BATCH-7/).waitFor();
    await expectAccessible();
    await shot('run-paid');
    const { body } = await ctx.t.http.get(`/v1/influencers/${ids.ana}/balance`).set(owner.auth).expect(200);
    expect(body.balances).toEqual([expect.objectContaining({ currency: 'EUR', paidToDate: '135.50', owed: '0.00' })]);
  });

  it("shows the payee's balance and sets a payout method, a wrong IBAN named beside its field", async () => {
    await row(/Ana Lima/)
      .getByRole('link', { name: 'Ana Lima' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Ana Lima: payouts' }).waitFor();
    await expect(page.getByRole('table', { name: 'Balance per currency' }).textContent()).resolves.toMatch(/EUR.*0\.00 EUR.*135\.50 EUR/);
    await page.getByRole('button', { name: 'Add method' }).click();
    await page.getByLabel('Kind').selectOption('bank_transfer');
    await page.getByLabel('Account holder').fill('Ana Lima');
    await page.getByLabel('IBAN (optional)').fill('FR7630006000011234567890188');
    await page.getByRole('button', { name: 'Save method' }).click();
    await page.locator('input[aria-invalid="true"]').waitFor();
    await expect(page.getByLabel('IBAN (optional)').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible();
    await page.getByLabel('Kind').selectOption('paypal');
    await page.getByLabel('PayPal email').fill('ana.pay@example.com');
    await page.getByRole('button', { name: 'Save method' }).click();
    await page.getByRole('button', { name: 'Change method' }).waitFor();
    // An admin reads it whole; the statement and every other answer show it masked.
    await page.getByText('ana.pay@example.com').waitFor();
    await expectAccessible();
    await shot('payee');
  });

  it('fails a whole approved run and cancels a draft one: the entries are owed again', async () => {
    await bonus(ids.benRelationship, '40.00');
    await page.goto('/app/payouts');
    await expect(row(/Ben Okafor/).textContent()).resolves.toMatch(/70\.00 EUR/);
    await page.getByLabel('Pay everything through').fill(daysAgo(1));
    await page.getByRole('button', { name: 'Build draft payouts' }).click();
    await row(/Ben Okafor.*70\.00 EUR.*draft/).waitFor();
    await page.getByRole('button', { name: 'Approve all' }).click();
    await row(/Ben Okafor.*approved/).waitFor();
    await page.getByRole('button', { name: 'Mark failed all' }).click();
    await page.getByLabel('Why it failed').fill('PayPal account unconfirmed');
    await page.getByRole('button', { name: 'Mark failed all' }).click();
    await row(/Ben Okafor.*failed.*PayPal account unconfirmed/).waitFor();
    await expectAccessible();

    await page.getByRole('link', { name: '← Payouts' }).click();
    await expect(row(/Ben Okafor/).textContent()).resolves.toMatch(/70\.00 EUR/);
    await page.getByLabel('Pay everything through').fill(daysAgo(1));
    await page.getByRole('button', { name: 'Build draft payouts' }).click();
    await row(/Ben Okafor.*70\.00 EUR.*draft/).waitFor();
    await page.getByRole('button', { name: 'Cancel all' }).click();
    await row(/Ben Okafor.*cancelled/).waitFor();
    await page.getByRole('link', { name: '← Payouts' }).click();
    await expect(row(/Ben Okafor/).textContent()).resolves.toMatch(/70\.00 EUR/);
    await expect(page.getByRole('link', { name: /^Run through/ }).count()).resolves.toBe(3);
    await expectAccessible();
    await shot('payouts-after');
  });

  it("pages a run's payouts 100 at a time by payee name, and Approve all approves the drafts of every page", async () => {
    for (let i = 0; i < 100; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, j) => {
          const n = String(i + j).padStart(3, '0');
          const influencer = await post('/v1/influencers', { name: `Payee ${n}`, email: `payee-${n}@example.com` });
          await bonus(await post('/v1/relationships', { brandId: ids.brand, influencerId: influencer }), '50.00');
        }),
      );
    }
    await page.goto('/app/payouts');
    await page.getByLabel('Pay everything through').fill(daysAgo(1));
    await page.getByRole('button', { name: 'Build draft payouts' }).click();
    const payouts = page.getByRole('table', { name: 'Payouts of this run', exact: true });
    await payouts.getByRole('row', { name: /draft/ }).first().waitFor();
    await expect(payouts.getByRole('row', { name: /draft/ }).count()).resolves.toBe(100);
    await expect(payouts.getByRole('row').nth(1).textContent()).resolves.toMatch(/^(Ana Lima|Ben Okafor)/);
    await page.getByRole('button', { name: 'Approve all' }).click();
    await payouts
      .getByRole('row', { name: /approved/ })
      .nth(99)
      .waitFor();
    await expect(payouts.getByRole('row', { name: /draft/ }).count()).resolves.toBe(0);
    await page.getByRole('navigation', { name: 'Payout pages' }).getByRole('button', { name: 'Next page' }).click();
    // The rest of the run (one or two payouts, with what earlier tests left owed) replaces the first page.
    await payouts.getByRole('row').nth(3).waitFor({ state: 'detached' });
    await payouts
      .getByRole('row', { name: /approved/ })
      .first()
      .waitFor();
    await expect(payouts.getByRole('row', { name: /draft/ }).count()).resolves.toBe(0);
    // By the payee's name: the run's last name comes last.
    await expect(payouts.getByRole('row').last().textContent()).resolves.toMatch(/^Payee 099/);
    await expectAccessible();
  });
});
