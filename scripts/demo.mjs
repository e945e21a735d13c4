// npm run demo: loads a realistic demo workspace into a running stack through its public API and
// prints a login. Finds the API in .data/runtime.json (written by `npm start`) or DEMO_API_URL.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

const runtime = (() => {
  try {
    return JSON.parse(readFileSync(`${process.env.DATA_DIR ?? '.data'}/runtime.json`, 'utf8'));
  } catch {
    return {};
  }
})();
const API = (process.env.DEMO_API_URL ?? runtime.apiUrl ?? 'http://localhost:3000').replace(/\/$/, '');

// A small deterministic generator so every demo workspace looks the same.
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = (items) => items[Math.floor(rand() * items.length)];

const firstNames = [
  'Maya',
  'Leo',
  'Ines',
  'Noah',
  'Zoe',
  'Sami',
  'Lena',
  'Hugo',
  'Aya',
  'Theo',
  'Nora',
  'Elias',
  'Mila',
  'Jonas',
  'Lina',
  'Oscar',
  'Sofia',
  'Malik',
  'Emma',
  'Yuki',
];
const lastNames = [
  'Martin',
  'Bernard',
  'Dubois',
  'Moreau',
  'Laurent',
  'Garcia',
  'Rossi',
  'Schmidt',
  'Nakamura',
  'Silva',
  'Novak',
  'Jensen',
  'Kowalski',
  'Haddad',
  'Okafor',
];
const niches = [
  'trail-running',
  'climbing',
  'camping',
  'skincare',
  'vegan-food',
  'cycling',
  'yoga',
  'sustainable-fashion',
  'travel',
  'photography',
];
const countries = ['FR', 'DE', 'ES', 'IT', 'NL', 'BE', 'US', 'GB', 'SE', 'JP'];
// Mostly nano and micro creators, a few big names: the mix brands actually run.
const followerBands = [
  [1_500, 9_900, 0.3],
  [10_000, 99_000, 0.5],
  [100_000, 490_000, 0.12],
  [500_000, 990_000, 0.05],
  [1_000_000, 4_000_000, 0.03],
];

function followers() {
  let r = rand();
  for (const [min, max, share] of followerBands) {
    if ((r -= share) <= 0) return Math.round(min + rand() * (max - min));
  }
  return 5_000;
}

async function call(method, path, token, body) {
  const response = await fetch(`${API}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: body && JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const isoDate = (date) => date.toISOString().slice(0, 10);
const addMonths = (date, months) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));

/**
 * 60 ambassadors across both brands, mostly micro: terms that started 1-5 months ago and run 6 or 12
 * months (some end soon: the renewal pipeline), a few auto-renewing, a few renewals already drafted,
 * and the first deliverables of each active term published with metrics.
 */
async function loadProgram(token, brands, influencers) {
  const picked = [...influencers].sort((a, b) => (a.tier === 'micro' ? -1 : 0) - (b.tier === 'micro' ? -1 : 0)).slice(0, 60);
  const totals = { relationships: 0, contracts: 0, active: 0, renewals: 0, deliverables: 0, published: 0, conversions: 0, refunds: 0 };
  const conversions = [];
  const today = new Date();
  for (const [i, influencer] of picked.entries()) {
    const brand = brands[i % 2];
    const relationship = await call('POST', '/v1/relationships', token, { brandId: brand.id, influencerId: influencer.id });
    totals.relationships++;
    const start = addMonths(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1)), -(1 + (i % 5)));
    const months = i % 3 === 0 ? 12 : 6;
    const end = new Date(addMonths(start, months).getTime() - 86_400_000);
    const contract = await call('POST', '/v1/contracts', token, {
      relationshipId: relationship.id,
      startDate: isoDate(start),
      endDate: isoDate(end),
      retainerMonthly: brand.currency === 'EUR' ? pick(['300.00', '500.00', '800.00']) : pick(['400.00', '650.00', '1000.00']),
      feePerDeliverable: pick(['0.00', '120.00', '250.00']),
      commissionRate: pick(['5', '8', '10', '12.5']),
      giftingBudget: '150.00',
      deliverablePlan: [
        {
          type: pick(['reel', 'post', 'video', 'story']),
          platform: influencer.socialAccounts[0].platform,
          quantity: 1 + (i % 2),
          per: 'month',
        },
      ],
      autoRenew: i % 4 === 0,
      renewalTermMonths: i % 4 === 0 ? 6 : undefined,
      noticePeriodDays: i % 4 === 0 ? 30 : 0,
    });
    totals.contracts++;
    if (i % 10 === 9) continue; // a few drafts waiting for signature
    await call('POST', `/v1/contracts/${contract.id}/activate`, token);
    totals.active++;
    if (i % 7 === 0) {
      await call('POST', `/v1/contracts/${contract.id}/renew`, token, {});
      totals.renewals++;
      totals.contracts++;
    }
    conversions.push(
      ...(await ordersThroughCode(
        token,
        relationship.id,
        `${influencer.name.split(' ')[0].toUpperCase()}${i}`,
        brand.currency,
        start,
        today,
        i,
      )),
    );
    const { data: deliverables } = await call('GET', `/v1/deliverables?contractId=${contract.id}&limit=200`, token);
    totals.deliverables += deliverables.length;
    for (const deliverable of deliverables.filter((d) => d.dueDate < isoDate(today)).slice(0, 2)) {
      const base = `/v1/deliverables/${deliverable.id}`;
      await call('POST', `${base}/submit`, token, { contentUrl: `https://drive.example/${deliverable.id}`, caption: 'Draft for review' });
      await call('POST', `${base}/approve`, token);
      await call('POST', `${base}/publish`, token, { postUrl: `https://www.instagram.com/p/${deliverable.id.slice(0, 11)}` });
      const impressions = Math.round(influencer.maxFollowers * (0.4 + rand()));
      await call('POST', `${base}/metrics`, token, {
        impressions,
        reach: Math.round(impressions * 0.8),
        likes: Math.round(impressions * 0.05),
        comments: Math.round(impressions * 0.004),
        shares: Math.round(impressions * 0.003),
        saves: Math.round(impressions * 0.006),
        clicks: Math.round(impressions * 0.01),
      });
      totals.published++;
    }
  }
  for (let i = 0; i < conversions.length; i += 2_000) {
    totals.conversions += (await call('POST', '/v1/conversions/batch', token, { conversions: conversions.slice(i, i + 2_000) })).accepted;
  }
  for (const conversion of (await call('GET', '/v1/conversions?limit=6', token)).data) {
    await call('POST', `/v1/conversions/${conversion.id}/reverse`, token, { reason: 'Returned by the customer' });
    totals.refunds++;
  }
  return totals;
}

/** A discount code for the ambassador and the orders that used it since the term started. */
async function ordersThroughCode(token, relationshipId, code, currency, start, today, i) {
  await call('POST', '/v1/tracking-codes', token, { relationshipId, kind: 'code', code });
  const money = (cents) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  return Array.from({ length: 5 + Math.round(rand() * 40) }, (_, k) => {
    const cents = 2_000 + Math.floor(rand() * 13_000);
    const occurredAt = new Date(start.getTime() + rand() * (today.getTime() - start.getTime())).toISOString();
    return {
      source: 'api',
      externalId: `demo-${i}-${k}`,
      occurredAt,
      amount: money(cents),
      discount: money(Math.round(cents / 10)),
      currency,
      code,
      customerType: rand() < 0.6 ? 'new' : 'returning',
    };
  });
}

async function main() {
  try {
    await fetch(`${API}/health`);
  } catch {
    throw new Error(`No API at ${API}. Start the product first (npm start), or set DEMO_API_URL.`);
  }
  const email = `demo-${randomBytes(3).toString('hex')}@ambassador-crm.local`;
  const password = `demo-${randomBytes(6).toString('hex')}`;
  const { accessToken } = await call('POST', '/v1/auth/signup', null, {
    workspaceName: 'Demo: Northwind & Lumen',
    name: 'Dana Demo',
    email,
    password,
  });

  const brands = [
    await call('POST', '/v1/brands', accessToken, { name: 'Northwind Outdoor', currency: 'EUR', timezone: 'Europe/Paris' }),
    await call('POST', '/v1/brands', accessToken, {
      name: 'Lumen Skincare',
      currency: 'USD',
      timezone: 'America/Los_Angeles',
      fiscalYearStartMonth: 4,
    }),
  ];

  const influencers = [];
  for (let i = 0; i < 200; i++) {
    const name = `${pick(firstNames)} ${pick(lastNames)}`;
    const handle = `${name.toLowerCase().replace(/\s+/g, '.')}.${i}`;
    const accounts = [
      { platform: pick(['instagram', 'tiktok', 'youtube']), handle, followers: followers(), engagementRate: (1 + rand() * 7).toFixed(2) },
    ];
    if (rand() < 0.35)
      accounts.push({
        platform: 'tiktok' === accounts[0].platform ? 'instagram' : 'tiktok',
        handle: `${handle}.alt`,
        followers: Math.round(accounts[0].followers * rand()),
      });
    influencers.push(
      await call('POST', '/v1/influencers', accessToken, {
        name,
        email: `${handle}@creators.example`,
        country: pick(countries),
        tags: [pick(niches), pick(niches)],
        socialAccounts: accounts,
      }),
    );
  }
  const program = await loadProgram(accessToken, brands, influencers);
  const tiers = influencers.reduce((acc, i) => ({ ...acc, [i.tier]: (acc[i.tier] ?? 0) + 1 }), {});
  const scansRun = runScansNow();

  console.log(`Demo workspace loaded at ${API}`);
  console.log(`  brands:      ${brands.map((b) => b.name).join(', ')}`);
  console.log(
    `  influencers: ${influencers.length} (${Object.entries(tiers)
      .map(([t, n]) => `${n} ${t}`)
      .join(', ')})`,
  );
  console.log(
    `  relationships: ${program.relationships} with ${program.contracts} contract terms (${program.active} active, ${program.renewals} renewals drafted)`,
  );
  console.log(`  deliverables: ${program.deliverables} planned, ${program.published} published with metrics`);
  console.log(`  conversions:  ${program.conversions} orders through the ambassadors' discount codes, ${program.refunds} refunded`);
  if (scansRun) console.log(`  reminders and costs: ${SCANS.join(', ')} run now (hourly after that)`);
  console.log(`\nLog in:  email ${email}  password ${password}`);
  console.log(`  curl -s ${API}/v1/auth/login -H 'content-type: application/json' -d '{"email":"${email}","password":"${password}"}'`);
  console.log(`  docs:  ${API}/docs`);
}

// The worker ran its scans when it started, before this data existed: without a run now, the demo's
// reminders, retainer accruals and approvals would wait for the next hourly run.
const SCANS = ['renewals.scan', 'deliverables.scan', 'costs.accrue'];

/** Enqueues the scans into the stack `npm start` runs here (the CLI finds it through runtime.json). */
function runScansNow() {
  const cli = 'dist/apps/worker/src/cli.js';
  if (!runtime.pid || process.env.DEMO_API_URL || !existsSync(cli)) return false;
  for (const job of SCANS) execFileSync(process.execPath, [cli, 'run-job', job], { stdio: 'ignore' });
  return true;
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
