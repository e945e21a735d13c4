import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import {
  ambassadorFixture,
  CHROMIUM,
  expectFocusOn,
  payoutCalls,
  portalToken,
  seriousA11yViolations,
  tableLayout,
  useMailingTestWorker,
  waitFor,
} from './support';

/**
 * The ambassador portal as a person uses it (issue 15): the built app served by the real API, a worker
 * sending through the SMTP sink, Debian's Chromium. The ambassador follows the links of their emails; the
 * manager reviews in the console. axe-core on every portal page. SCREENSHOT_DIR=docs/portal keeps the pictures.
 */
describe('ambassador portal in Chromium (e2e)', () => {
  jest.setTimeout(120_000);
  // A fixed "now" near the real one: the session cookie's expiry is the clock's.
  const ctx = useMailingTestWorker(new Date().toISOString());
  let browser: Browser;
  let baseUrl: string;
  const contexts: BrowserContext[] = [];
  let ambassador: Page;
  let manager: Page;
  let a: Awaited<ReturnType<typeof ambassadorFixture>>;
  const shots = process.env.SCREENSHOT_DIR;

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1000, height: 800 } });
    contexts.push(context);
    return context.newPage();
  }

  async function checkPage(p: Page, name: string): Promise<void> {
    expect({ url: p.url(), violations: await seriousA11yViolations(p) }).toEqual({ url: p.url(), violations: [] });
    // At this 1000 px window every table fits (none scrolls sideways with a column out of sight), and no amount is
    // broken over two lines ("1,000.00" above "EUR").
    const layout = await tableLayout(p);
    expect({ url: p.url(), ...layout }).toEqual({ url: p.url(), scrolled: 0, broken: [] });
    if (shots) await p.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  }

  /** The portal link of the newest email to the ambassador whose subject matches, on this server. */
  async function emailedLink(subject: RegExp): Promise<string> {
    const mail = await waitFor(() => ctx.sink.messages.filter((m) => m.to.includes(a.email) && subject.test(m.subject)).at(-1), 30_000);
    return `/portal/link?token=${portalToken(mail!.text)}`;
  }

  beforeAll(async () => {
    await ctx.t.app.listen(0, '127.0.0.1');
    baseUrl = (await ctx.t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await chromium.launch({ executablePath: CHROMIUM });
    await ctx.t.http.patch('/v1/workspace').set(ctx.owner.auth).send({ name: 'Northwind Outdoor' }).expect(200);
    a = await ambassadorFixture(
      ctx.t.http,
      ctx.owner,
      { deliverablePlan: [], usageRightsUntil: '2027-06-30', commissionRate: '10' },
      { influencer: { name: 'Maya Laurent' }, brand: { name: 'Northwind Trail' } },
    );
    await ctx.t.http
      .post('/v1/tracking-codes')
      .set(ctx.owner.auth)
      .send({ relationshipId: a.relationshipId, kind: 'code', code: `TRAIL${Date.now() % 100000}` })
      .expect(201);
    ambassador = await newPage();
    manager = await newPage();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('opens the terms from the email and accepts them by typing the full name', async () => {
    await ctx.t.http.post(`/v1/contracts/${a.contractId}/send-terms`).set(ctx.owner.auth).send({}).expect(200);
    await ambassador.goto(await emailedLink(/ready to accept/));
    await ambassador.waitForURL(new RegExp(`/portal/terms/${a.contractId}$`));
    await ambassador.getByRole('heading', { level: 1, name: /Terms with/ }).waitFor();
    await checkPage(ambassador, 'terms');
    await ambassador.getByLabel('Your full name').fill(a.name);
    await ambassador.getByRole('button', { name: 'Accept the terms' }).click();
    await ambassador.getByText(`Accepted by ${a.name}`).waitFor();
    const contract = (await ctx.t.http.get(`/v1/contracts/${a.contractId}`).set(ctx.owner.auth).expect(200)).body;
    expect(contract.termsAcceptance).toMatchObject({ name: a.name, userAgent: expect.stringMatching(/Chrom/) });

    // The manager sees the acceptance on the relationship's terms in the console.
    await manager.goto('/app/sign-in');
    await manager.getByLabel('Email').fill(ctx.owner.email);
    await manager.getByLabel(/^Password/).fill('correct horse battery');
    await manager.getByRole('button', { name: 'Sign in' }).click();
    await manager.getByRole('region', { name: /Waiting for your review/ }).waitFor();
    await manager.goto(`/app/relationships/${a.relationshipId}?tab=terms`);
    await manager
      .getByText(new RegExp(`^by ${a.name} on .* UTC from .*; terms SHA-256 ${contract.termsAcceptance.termsSha256.slice(0, 12)}`))
      .waitFor();
    await checkPage(manager, 'console-terms-accepted');
    await ctx.t.http.post(`/v1/contracts/${a.contractId}/activate`).set(ctx.owner.auth).send({}).expect(200);
  });

  it('hands in the deliverable; the manager asks for changes in the console; the ambassador resubmits; the manager approves', async () => {
    await ambassador.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Home' }).click();
    await ambassador.getByRole('heading', { level: 1, name: /^Hi / }).waitFor();
    await ambassador
      .getByRole('region', { name: 'Next deliverables' })
      .getByRole('link', { name: /reel on instagram/ })
      .waitFor();
    await checkPage(ambassador, 'home');
    await ambassador.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Deliverables' }).click();
    await ambassador.getByRole('table', { name: 'Your deliverables' }).waitFor();
    await checkPage(ambassador, 'deliverables');
    await ambassador.getByRole('link', { name: /reel on instagram/ }).click();
    await ambassador.getByRole('heading', { name: 'Hand in your content' }).waitFor();
    await checkPage(ambassador, 'deliverable');
    await ambassador.getByLabel('Link to your content (draft)').fill('https://drive.example.com/trail-cut-1');
    await ambassador.getByLabel('Caption').fill('Morning run in the new trail shoes #ad');
    await ambassador.getByRole('button', { name: 'Submit for review' }).click();
    await ambassador.getByText("Submitted: waiting for the brand's review.").waitFor();

    // The manager, in the console's review queue.
    await manager.goto('/app/');
    const queue = manager.getByRole('region', { name: /Waiting for your review/ });
    await queue.getByRole('row', { name: new RegExp(a.name) }).waitFor();
    await queue.getByRole('button', { name: 'Request changes' }).click();
    await queue.getByLabel('What should change').fill('Show the logo in the first 3 seconds, please');
    await queue.getByRole('button', { name: 'Send' }).click();
    await manager.getByText('Nothing waits for review.').waitFor();

    // The ambassador follows the changes-requested email to the deliverable, reads the comment, resubmits.
    await ambassador.goto(await emailedLink(/^Changes requested/));
    await ambassador.waitForURL(new RegExp(`/portal/deliverables/${a.deliverableId}$`));
    const comment = ambassador.getByRole('region', { name: 'Changes requested' });
    await comment.getByText('Show the logo in the first 3 seconds, please').waitFor();
    await checkPage(ambassador, 'changes-requested');
    await ambassador.getByLabel('Link to your content (draft)').fill('https://drive.example.com/trail-cut-2');
    await ambassador.getByRole('button', { name: 'Submit for review' }).click();
    await ambassador.getByText("Submitted: waiting for the brand's review.").waitFor();

    await manager.reload();
    await queue.getByRole('row', { name: new RegExp(a.name) }).waitFor();
    await queue.getByRole('button', { name: 'Approve' }).click();
    await manager.getByText('Nothing waits for review.').waitFor();

    await ambassador.reload();
    await ambassador.getByLabel('Link to the live post').fill('https://www.instagram.com/p/TrailDay/');
    await ambassador.getByRole('button', { name: 'Save the post link' }).click();
    await waitFor(async () => (await ctx.t.http.get(`/v1/deliverables/${a.deliverableId}`).set(ctx.owner.auth)).body.postUrl, 10_000);
    const log = (await ctx.t.http.get(`/v1/relationships/${a.relationshipId}/activity`).set(ctx.owner.auth).expect(200)).body.data;
    expect(
      log
        .filter((e: { actorInfluencerId: string | null }) => e.actorInfluencerId === a.influencerId)
        .map((e: { action: string }) => e.action),
    ).toEqual(['post_url_added', 'submitted', 'submitted', 'terms_accepted']);
    // The manager's activity tab names the ambassador as the one who acted, and the manager as "you".
    await manager.goto(`/app/relationships/${a.relationshipId}?tab=activity`);
    const entries = manager.getByRole('listitem');
    await entries
      .filter({ hasText: `deliverable submitted by ${a.name} (ambassador, in the portal)` })
      .first()
      .waitFor();
    await entries.filter({ hasText: `contract terms accepted by ${a.name} (ambassador, in the portal)` }).waitFor();
    await entries.filter({ hasText: 'deliverable approved by you' }).first().waitFor();
    await checkPage(manager, 'console-activity');
  });

  it('shows codes and earnings; signs out; a used link offers a fresh one by email', async () => {
    await ambassador.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Codes & links' }).click();
    await ambassador.getByRole('table', { name: 'Your codes and links' }).waitFor();
    await checkPage(ambassador, 'codes');
    await ambassador.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Earnings' }).click();
    await ambassador.getByRole('heading', { level: 1, name: 'Earnings' }).waitFor();
    // Focus moves to the page reached, so a screen reader says where the ambassador is.
    await expectFocusOn(ambassador, 'H1 Earnings');
    await ambassador
      .getByText(/Nothing earned yet|Earnings per brand and month/)
      .first()
      .waitFor();
    await checkPage(ambassador, 'earnings');

    await ambassador.getByRole('button', { name: 'Sign out' }).click();
    await ambassador.getByText('You are signed out.').waitFor();
    await checkPage(ambassador, 'sign-in');
    await ambassador.goto('/portal/deliverables');
    await ambassador.waitForURL(/\/portal\/sign-in\?next=/);

    const used = await emailedLink(/ready to accept/);
    await ambassador.goto(used);
    await ambassador.getByRole('heading', { name: 'This link was already used' }).waitFor();
    await checkPage(ambassador, 'link-used');
    const before = ctx.sink.messages.length;
    await ambassador.getByLabel('Your email').fill(a.email);
    await ambassador.getByRole('button', { name: 'Email me a fresh link' }).click();
    await ambassador.getByText(/a sign-in link is on its way/).waitFor();
    await waitFor(() => ctx.sink.messages.length > before, 30_000);
    await ambassador.goto(await emailedLink(/sign-in link/));
    await ambassador.getByRole('heading', { level: 1, name: /^Hi / }).waitFor();
  });
  it('opens the payout statement from the approval email: lines, total, masked method; the list of payouts; CSV and printable copies', async () => {
    const { earn, run, payouts, act } = payoutCalls(ctx.t.http, ctx.owner);
    await ctx.t.http
      .put(`/v1/influencers/${a.influencerId}/payout-method`)
      .set(ctx.owner.auth)
      .send({ kind: 'paypal', email: 'maya.laurent.pay@example.com' })
      .expect(200);
    await earn(a.relationshipId, '150.00', '2026-11-20');
    await earn(a.relationshipId, '-25.00', '2026-11-25', 'adjustment');
    const [payout] = await payouts({ runId: (await run('2026-11-30', a.brandId)).id });
    await act(`payouts/${payout.id}`, 'approve').expect(200);
    const statement = (await ctx.t.http.get(`/v1/payouts/${payout.id}/statement`).set(ctx.owner.auth).expect(200)).body;
    // As the pages show money: grouped thousands, the currency after.
    const total = `${(statement.total as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} EUR`;

    await ambassador.goto(await emailedLink(/^Your payout of .* is approved$/));
    await ambassador.waitForURL(new RegExp(`/portal/payouts/${payout.id}$`));
    const title = ambassador.getByRole('heading', { level: 1, name: /^Payout statement through / });
    await title.waitFor();
    const heading = await title.textContent();
    const lines = ambassador.getByRole('table', { name: 'Statement lines' });
    await lines.getByRole('row', { name: /Northwind Trail Bonus/ }).waitFor();
    await expect(lines.getByRole('row', { name: /Northwind Trail Adjustment/ }).textContent()).resolves.toMatch(/−25\.00 EUR/);
    await expect(lines.getByRole('row', { name: /^Total/ }).textContent()).resolves.toContain(total);
    await expect(lines.getByRole('row', { name: /^Opening balance/ }).textContent()).resolves.toContain('0.00 EUR');
    await ambassador.getByText('PayPal m***@example.com').waitFor();
    await checkPage(ambassador, 'payout-statement');

    const [file] = await Promise.all([
      ambassador.waitForEvent('download'),
      ambassador.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('payout-statement-2026-11-30.csv');
    const [printable] = await Promise.all([
      ambassador.context().waitForEvent('page'),
      ambassador.getByRole('link', { name: 'Printable statement' }).click(),
    ]);
    await printable.getByRole('heading', { name: `Payout statement for ${a.name}` }).waitFor();
    expect(await printable.textContent('body')).toContain('PayPal m***@example.com');
    await checkPage(printable, 'payout-statement-printable');
    await printable.close();

    await ambassador.getByRole('link', { name: '← All payouts' }).click();
    await ambassador.getByRole('heading', { level: 1, name: 'Payouts' }).waitFor();
    await expectFocusOn(ambassador, 'H1 Payouts');
    const list = ambassador.getByRole('table', { name: 'Your payouts' });
    await list
      .getByRole('row', { name: /approved/ })
      .getByText(total)
      .waitFor();
    await checkPage(ambassador, 'payouts');
    await list.getByRole('link', { name: /^Statement through / }).click();
    await ambassador.waitForURL(new RegExp(`/portal/payouts/${payout.id}$`));
    await expectFocusOn(ambassador, `H1 ${heading}`);
  });
});
