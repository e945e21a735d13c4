// npm run docs:console: screenshots of the manager console for docs/console.md, taken in Debian's Chromium
// (CHROMIUM_PATH overrides /usr/bin/chromium) against a running stack: `npm start` in another terminal,
// or CONSOLE_URL=http://host:port. It signs up a fresh sample workspace through the API, fills it, and
// writes docs/console/*.png.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const base = (process.env.CONSOLE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const out = join(dirname(fileURLToPath(import.meta.url)), '../docs/console');
const password = 'screenshots password';
const email = `maya-${Date.now()}@northwind.example`;
let cookie = '';

async function call(method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-requested-with': 'web', cookie },
    body: body && JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  if (response.headers.get('set-cookie')) cookie = response.headers.get('set-cookie').split(';')[0];
  return json;
}

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A brand with eight ambassadors in every state the pages show: active terms ending soon, drafts, submissions, late work. */
async function sampleWorkspace() {
  await call('POST', '/v1/auth/signup', { workspaceName: 'Northwind Outdoor', name: 'Maya Manager', email, password });
  await call('POST', '/v1/auth/session', { email, password });
  const brand = await call('POST', '/v1/brands', { name: 'Northwind Outdoor', currency: 'EUR', timezone: 'Europe/Paris' });
  const people = [
    ['Elias Schmidt', 'elias.trails', 24_000],
    ['Lena Hoffmann', 'lena.outdoors', 8_200],
    ['Tom Becker', 'tomclimbs', 112_000],
    ['Sofia Rossi', 'sofia.hikes', 56_000],
    ['Jonas Weber', 'jonas.runs', 3_900],
    ['Clara Fischer', 'clarainthewild', 18_500],
    ['Noah Keller', 'noah.kayaks', 640_000],
    ['Mia Wagner', 'mia.peaks', 31_000],
  ];
  const relationships = [];
  for (const [i, [name, handle, followers]] of people.entries()) {
    const influencer = await call('POST', '/v1/influencers', {
      name,
      email: `${handle}@example.com`,
      socialAccounts: [{ platform: 'instagram', handle, followers }],
    });
    const relationship = await call('POST', '/v1/relationships', { brandId: brand.id, influencerId: influencer.id });
    relationships.push(relationship);
    if (i >= 6) continue; // two prospects without a contract
    const contract = await call('POST', '/v1/contracts', {
      relationshipId: relationship.id,
      startDate: day(-75 + i * 5),
      endDate: day(20 + i * 12),
      retainerMonthly: String(400 + i * 150) + '.00',
      feePerDeliverable: '150.00',
      commissionRate: '10',
      noticePeriodDays: 30,
      autoRenew: i % 2 === 0,
      ...(i % 2 === 0 && { renewalTermMonths: 6 }),
      deliverablePlan: [{ type: i % 3 === 0 ? 'reel' : 'post', platform: 'instagram', quantity: 1, per: 'month' }],
    });
    if (i < 5) await call('POST', `/v1/contracts/${contract.id}/activate`, {});
  }
  const { data } = await call('GET', `/v1/deliverables?relationshipId=${relationships[0].id}`);
  const upcoming = data.filter((d) => d.status === 'planned' && d.dueDate >= day(0));
  for (const [i, rel] of relationships.slice(1, 3).entries()) {
    const planned = (await call('GET', `/v1/deliverables?relationshipId=${rel.id}`)).data.find(
      (d) => d.status === 'planned' && d.dueDate >= day(0),
    );
    if (planned)
      await call('POST', `/v1/deliverables/${planned.id}/submit`, { contentUrl: `https://drive.example.com/draft-${i + 1}.mp4` });
  }
  if (upcoming[0])
    await call('POST', `/v1/deliverables/${upcoming[0].id}/submit`, { contentUrl: 'https://drive.example.com/reel-cut.mp4' });
  // A colleague invited: the members page has an invitation, the outbox an email (zero-config mode).
  await call('POST', '/v1/members', { email: 'lena.colleague@northwind.example', role: 'manager' });
  await ledgers(relationships.slice(0, 5));
  return relationships[0];
}

/** Codes, orders over the last weeks (one refunded), a bonus and a product box: what the figures, charts and ledgers show. */
async function ledgers(relationships) {
  for (const [i, rel] of relationships.entries()) {
    const code = `NORTH${i + 1}0`;
    await call('POST', '/v1/tracking-codes', { relationshipId: rel.id, kind: 'code', code });
    if (i === 0)
      await call('POST', '/v1/tracking-codes', {
        relationshipId: rel.id,
        kind: 'link',
        code: 'elias-trails',
        destinationUrl: 'https://shop.example.com/trail',
      });
    const orders = [12, 9, 7, 4, 2][i];
    for (let n = 0; n < orders; n++) {
      const occurredAt = new Date(Date.now() - ((n * 61) % 70) * 86_400_000 - 3_600_000).toISOString();
      const amount = `${(90 + ((n * 37 + i * 11) % 140)).toFixed(0)}.00`;
      const order = await call('POST', '/v1/conversions', {
        source: 'api',
        externalId: `nw-${i}-${n}`,
        occurredAt,
        amount,
        currency: 'EUR',
        code,
      });
      if (i === 0 && n === 1)
        await call('POST', `/v1/conversions/${order.id}/reverse`, { amount: '40.00', reason: 'Customer returned the jacket' });
    }
  }
  await call('POST', `/v1/relationships/${relationships[0].id}/costs`, {
    kind: 'bonus',
    amount: '150.00',
    description: 'Spring race bonus',
  });
  await call('POST', `/v1/relationships/${relationships[0].id}/costs`, {
    kind: 'product',
    amount: '89.90',
    description: 'Trail jacket sample',
  });
}

/** The worker rolls the ledger up within seconds: wait for the figures the pages chart. */
async function rolledUp(relationshipId) {
  for (let i = 0; i < 120; i++) {
    const { figures } = await call('GET', `/v1/relationships/${relationshipId}`);
    if (figures.conversions > 0 && Number(figures.spend) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  console.warn('the rollups did not catch up in two minutes: figures may show zero');
}

const relationship = await sampleWorkspace();
await rolledUp(relationship.id);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const shoot = async (context, path, file, ready) => {
    const page = await context.newPage();
    await page.goto(`${base}${path}`);
    await ready(page);
    await page.screenshot({ path: join(out, file), fullPage: true });
    console.log(`wrote docs/console/${file}`);
    await page.close();
  };
  const options = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };
  const visitor = await browser.newContext(options);
  await shoot(visitor, '/app/sign-in', 'sign-in.png', (p) => p.getByRole('button', { name: 'Sign in' }).waitFor());
  const signedIn = await browser.newContext(options);
  const [name, value] = cookie.split('=');
  await signedIn.addCookies([{ name, value, url: base }]);
  await shoot(signedIn, '/app/', 'program.png', (p) => p.getByRole('button', { name: 'Approve' }).first().waitFor());
  await shoot(signedIn, '/app/relationships?sort=-quarterRoi', 'relationships.png', (p) =>
    p.getByRole('row', { name: /Elias Schmidt/ }).waitFor(),
  );
  for (const tab of ['overview', 'terms', 'deliverables', 'conversions', 'costs', 'codes', 'activity']) {
    await shoot(signedIn, `/app/relationships/${relationship.id}?tab=${tab}`, `relationship-${tab}.png`, async (p) => {
      await p.getByRole('heading', { name: /Elias Schmidt/ }).waitFor();
      await p
        .locator(tab === 'overview' ? 'canvas' : tab === 'activity' ? 'ol li' : 'table, dl')
        .first()
        .waitFor();
      if (tab === 'terms') await p.getByRole('button', { name: 'Terminate…' }).click();
      if (tab === 'conversions') await p.getByRole('button', { name: 'Reverse…' }).first().click();
    });
  }
  await shoot(signedIn, '/app/influencers', 'influencers.png', (p) => p.getByRole('row', { name: /Elias Schmidt/ }).waitFor());
  await shoot(signedIn, `/app/influencers/${relationship.influencerId}`, 'influencer.png', (p) => p.getByLabel('Handle').first().waitFor());
  await shoot(signedIn, '/app/influencers/import', 'influencer-import.png', async (p) => {
    const csv =
      'name,email,instagram_handle,instagram_followers\nLena Berg,lena@example.com,lena.outdoors,48200\nNo Email,not-an-email,nobody,10\nTom Okafor,tom@example.com,tomdances,48k';
    await p.getByLabel('CSV file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await p.getByRole('button', { name: 'Import' }).click();
    await p.getByRole('table', { name: 'Rejected rows' }).waitFor();
  });
  await shoot(signedIn, '/app/reports', 'reports.png', async (p) => {
    await p.getByRole('region', { name: /Relationships, best ROI first/ }).waitFor();
    await p.getByRole('button', { name: 'Create a share link' }).click();
    await p.getByLabel('Share link').waitFor();
  });
  await shoot(signedIn, '/app/settings/workspace', 'settings-workspace.png', (p) => p.getByLabel('micro from').waitFor());
  await shoot(signedIn, '/app/settings/brands', 'settings-brands.png', (p) => p.getByRole('row', { name: /Northwind Outdoor/ }).waitFor());
  await shoot(signedIn, '/app/settings/members', 'settings-members.png', (p) => p.getByRole('row', { name: /Maya Manager/ }).waitFor());
  await shoot(signedIn, '/app/settings/api-keys', 'settings-api-keys.png', async (p) => {
    await p.getByLabel('Name').fill('Shop sync');
    await p.getByRole('button', { name: 'Create key' }).click();
    await p.getByLabel('API key Shop sync').waitFor();
    await p.getByRole('row', { name: /Shop sync/ }).waitFor();
  });
  await shoot(signedIn, '/app/settings/shopify', 'settings-shopify.png', (p) =>
    p.getByLabel('Webhook URL to paste into Shopify').waitFor(),
  );
  // Loopback URLs: zero-config `npm start` allows them. One disabled, as after the "disabled" email, with its replay open.
  await call('POST', '/v1/webhook-endpoints', { url: 'http://127.0.0.1:4000/hooks/crm', description: 'Data warehouse', enabled: true });
  const slack = await call('POST', '/v1/webhook-endpoints', {
    url: 'http://127.0.0.1:4001/slack',
    description: 'Slack relay',
    enabled: true,
  });
  await call('PATCH', `/v1/webhook-endpoints/${slack.id}`, { enabled: false });
  await shoot(signedIn, '/app/settings/webhooks', 'settings-webhooks.png', async (p) => {
    await p.getByRole('button', { name: 'Replay http://127.0.0.1:4001/slack' }).click();
    await p.getByLabel('Events since').fill(`${day(-7)}T09:00`);
  });
  // Zero-config mode only (no SMTP_URL): the invitation above, once the worker has written it.
  await shoot(signedIn, '/app/mail-outbox', 'mail-outbox.png', (p) =>
    p.getByRole('region', { name: /invit/i }).first().waitFor({ timeout: 60_000 }),
  );
} finally {
  await browser.close();
}
