// npm run demo: loads a realistic demo workspace into a running stack through its public API and
// prints a login. Finds the API in .data/runtime.json (written by `npm start`) or DEMO_API_URL.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const runtime = (() => {
  try {
    return JSON.parse(readFileSync(`${process.env.DATA_DIR ?? '.data'}/runtime.json`, 'utf8'));
  } catch {
    return {};
  }
})();
const API = (process.env.DEMO_API_URL ?? runtime.apiUrl ?? 'http://localhost:3000').replace(/\/$/, '');

// A small seeded generator so demo workspaces look alike (what depends on today varies a little).
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
  'Amara',
  'Felix',
  'Clara',
  'Mateo',
  'Ingrid',
  'Rafael',
  'Chloe',
  'Tariq',
  'Elena',
  'Kenji',
  'Priya',
  'Lucas',
  'Freya',
  'Diego',
  'Hana',
  'Anton',
  'Leila',
  'Marco',
  'Astrid',
  'Kwame',
  'Julia',
  'Omar',
  'Sienna',
  'Pablo',
  'Mei',
  'Viktor',
  'Alma',
  'Idris',
  'Nina',
  'Ruben',
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
  'Lindqvist',
  'Fernandes',
  'Petit',
  'Becker',
  'Romano',
  'Ortiz',
  'Tanaka',
  'Mensah',
  'Dupont',
  'Nieminen',
  'Costa',
  'Weber',
  'Varga',
  'Mendes',
  'Sato',
  'Brennan',
  'Andersen',
  'Lefebvre',
  'Marino',
  'Adeyemi',
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
// Mostly nano and micro creators, a few big names: the mix brands actually run. Per 100 creators, by index,
// so every tier is there whatever the generator draws: [min, max, how many].
const followerBands = [
  [1_500, 9_900, 30],
  [10_000, 99_000, 50],
  [100_000, 490_000, 12],
  [500_000, 990_000, 5],
  [1_000_000, 4_000_000, 3],
];
const TIERS = ['nano', 'micro', 'mid', 'macro', 'mega'];
/** How many of the 60 relationships each tier gets, split between the two brands. */
const PROGRAM_MIX = { nano: 16, micro: 24, mid: 10, macro: 6, mega: 4 };
/**
 * What a creator of each tier costs (monthly retainer range, in EUR) and sells (orders a month through
 * the code), so the report tells the usual story: micro creators pay back best, the biggest names barely.
 */
const TIER_ECONOMICS = {
  nano: { retainer: [150, 250], ordersPerMonth: 8 },
  micro: { retainer: [300, 600], ordersPerMonth: 20 },
  mid: { retainer: [900, 1400], ordersPerMonth: 35 },
  macro: { retainer: [2000, 2800], ordersPerMonth: 50 },
  mega: { retainer: [4000, 6000], ordersPerMonth: 75 },
};

function followers(i) {
  let slot = i % 100;
  for (const [min, max, count] of followerBands) {
    if ((slot -= count) < 0) return Math.round(min + rand() * (max - min));
  }
  return 5_000;
}

/** Every first × last name once, in a shuffled order: 200 creators, 200 names. */
function distinctNames(count) {
  const all = firstNames.flatMap((first) => lastNames.map((last) => `${first} ${last}`));
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, count);
}

/** One API call; a 429 (the per-token budget of RATE_LIMIT_PER_MINUTE) waits Retry-After and tries again. */
async function call(method, path, token, body) {
  for (;;) {
    const response = await fetch(`${API}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: body && JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, 1_000 * Number(response.headers.get('retry-after') ?? 1)));
      continue;
    }
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
}

const isoDate = (date) => date.toISOString().slice(0, 10);
const addMonths = (date, months) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));

const DAY = 86_400_000;
const addDays = (date, days) => new Date(date.getTime() + days * DAY);

/** 60 of the creators, PROGRAM_MIX of each tier, alternating between the brands so both have every tier. */
function pickAmbassadors(influencers) {
  return TIERS.flatMap((tier) => influencers.filter((influencer) => influencer.tier === tier).slice(0, PROGRAM_MIX[tier]));
}

/**
 * The shape of one ambassador's history, by position `j` within its brand: most terms started 2-7 months
 * ago and are active (some end next quarter: the renewal pipeline, a few with the renewal already drafted);
 * every seventh renewed (a past auto-renewing term the rollover replaces by its next term: a renewal
 * chain); one lapsed; a few drafts still waiting for a signature.
 */
function termPlan(j, thisMonth) {
  if (j % 7 === 0) return { kind: 'chain', start: addMonths(thisMonth, -9), months: 6, autoRenew: true };
  if (j === 19) return { kind: 'lapsed', start: addMonths(thisMonth, -8), months: 4, autoRenew: false };
  if (j % 10 === 9) return { kind: 'draft', start: addMonths(thisMonth, 1), months: 6, autoRenew: false };
  const start = addMonths(thisMonth, -(2 + (j % 6)));
  return { kind: 'active', start, months: [6, 9, 12][j % 3], autoRenew: rand() < 0.5, draftRenewal: j % 7 === 3 };
}

/**
 * 60 ambassadors across both brands and every tier, with contract terms, deliverables published mostly on
 * time over the last two quarters (a few late, a few never: the worker marks them missed), metrics,
 * orders through their discount codes and some refunds.
 */
async function loadProgram(token, brands, influencers) {
  const totals = {
    relationships: 0,
    contracts: 0,
    active: 0,
    renewals: 0,
    chains: 0,
    deliverables: 0,
    onTime: 0,
    late: 0,
    unpublished: 0,
    conversions: 0,
    refunds: 0,
  };
  const conversions = [];
  const chains = [];
  const today = new Date();
  const thisMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
  for (const [i, influencer] of pickAmbassadors(influencers).entries()) {
    const [brand, j] = [brands[i % 2], Math.floor(i / 2)];
    const relationship = await call('POST', '/v1/relationships', token, { brandId: brand.id, influencerId: influencer.id });
    totals.relationships++;
    const plan = termPlan(j, thisMonth);
    const end = addDays(addMonths(plan.start, plan.months), -1);
    const economics = TIER_ECONOMICS[influencer.tier];
    // Round fifties of euros, as people write contracts; USD about 10% above.
    const retainer =
      Math.round((economics.retainer[0] + rand() * (economics.retainer[1] - economics.retainer[0])) / 50) *
      50 *
      (brand.currency === 'EUR' ? 1 : 1.1);
    const contract = await call('POST', '/v1/contracts', token, {
      relationshipId: relationship.id,
      startDate: isoDate(plan.start),
      endDate: isoDate(end),
      retainerMonthly: retainer.toFixed(2),
      feePerDeliverable: (retainer * pick([0, 0.2, 0.4])).toFixed(2),
      commissionRate: pick(['5', '8', '10', '12.5']),
      giftingBudget: '150.00',
      deliverablePlan: [
        {
          type: pick(['reel', 'post', 'video', 'story']),
          platform: influencer.socialAccounts[0].platform,
          quantity: 1 + (j % 2),
          per: 'month',
        },
      ],
      autoRenew: plan.autoRenew,
      renewalTermMonths: plan.autoRenew ? 6 : undefined,
      noticePeriodDays: plan.autoRenew ? 30 : 0,
    });
    totals.contracts++;
    if (plan.kind === 'draft') continue;
    await call('POST', `/v1/contracts/${contract.id}/activate`, token);
    totals.active++;
    if (plan.draftRenewal) {
      await call('POST', `/v1/contracts/${contract.id}/renew`, token, {});
      totals.renewals++;
      totals.contracts++;
    }
    if (plan.kind === 'chain') chains.push({ relationshipId: relationship.id, influencer });
    const code = `${influencer.name.split(' ')[0].toUpperCase()}${i}`;
    // A renewed relationship keeps selling in its next term; the others until their term ends. Half a day
    // inside each end: midnight UTC is still the day before in Los Angeles, outside the term.
    const from = addDays(plan.start, 0.5);
    const until = plan.kind === 'chain' ? today : new Date(Math.min(addDays(end, 0.5).getTime(), today.getTime()));
    const orders = Math.round(((until - from) / (30 * DAY)) * economics.ordersPerMonth * (0.3 + rand() * 1.4));
    conversions.push(...(await ordersThroughCode(token, relationship.id, code, brand.currency, { from, until, orders }, i)));
    await publishDue(token, contract.id, influencer, today, totals);
  }
  // The renewed terms first: an order takes the commission of the term in force when it is recorded, and the
  // orders of a chain's second term found no term (no commission, ever) when posted before the rollover.
  totals.chains = await renewChains(token, chains, today, totals);
  for (let i = 0; i < conversions.length; i += 2_000) {
    totals.conversions += (await call('POST', '/v1/conversions/batch', token, { conversions: conversions.slice(i, i + 2_000) })).accepted;
  }
  totals.refunds = await refundSome(token, today);
  totals.deliverables = await countAll(token, '/v1/deliverables');
  return totals;
}

/** A published post's address as its platform writes one, on the influencer's account there. */
function postUrlOf(deliverable, influencer) {
  const account = influencer.socialAccounts.find((a) => a.platform === deliverable.platform) ?? influencer.socialAccounts[0];
  const id = deliverable.id.replace(/-/g, '');
  // An 11-character base64url code, the shape of YouTube's video ids and Instagram's post codes.
  const code = Buffer.from(id.slice(0, 16), 'hex').toString('base64url').slice(0, 11);
  switch (deliverable.platform) {
    case 'tiktok':
      return `https://www.tiktok.com/@${account.handle}/video/${BigInt(`0x${id.slice(0, 15)}`)}`;
    case 'youtube':
      return `https://www.youtube.com/watch?v=${code}`;
    default:
      return `https://www.instagram.com/p/${code}/`;
  }
}

/**
 * The deliverables of a term due before today, as a real program goes: about 80% published on or before
 * the due day (0-4 days early), 12% late (1-6 days after), the rest never published (the worker marks
 * those more than a week overdue missed); metrics captured a week after publishing.
 */
async function publishDue(token, contractId, influencer, today, totals) {
  const { data: deliverables } = await call('GET', `/v1/deliverables?contractId=${contractId}&limit=200`, token);
  for (const deliverable of deliverables.filter((d) => d.status === 'planned' && d.dueDate < isoDate(today))) {
    // 17:00 UTC is the same calendar day in Paris and in Los Angeles: "on the due day" holds in both brands' zones.
    const due = new Date(`${deliverable.dueDate}T17:00:00Z`);
    const roll = rand();
    const lateBy = 1 + Math.floor(rand() * 6);
    if (roll >= 0.92 || (roll >= 0.8 && addDays(due, lateBy) > today)) {
      totals.unpublished++;
      continue;
    }
    const publishedAt = roll < 0.8 ? addDays(due, -Math.floor(rand() * 5)) : addDays(due, lateBy);
    totals[roll < 0.8 ? 'onTime' : 'late']++;
    const base = `/v1/deliverables/${deliverable.id}`;
    await call('POST', `${base}/submit`, token, { contentUrl: `https://drive.example/${deliverable.id}`, caption: 'Draft for review' });
    await call('POST', `${base}/approve`, token);
    await call('POST', `${base}/publish`, token, {
      postUrl: postUrlOf(deliverable, influencer),
      publishedAt: publishedAt.toISOString(),
    });
    const impressions = Math.round(influencer.maxFollowers * (0.4 + rand()));
    await call('POST', `${base}/metrics`, token, {
      impressions,
      reach: Math.round(impressions * 0.8),
      views: deliverable.type === 'post' ? 0 : Math.round(impressions * 0.7),
      likes: Math.round(impressions * 0.05),
      comments: Math.round(impressions * 0.004),
      shares: Math.round(impressions * 0.003),
      saves: Math.round(impressions * 0.006),
      clicks: Math.round(impressions * 0.01),
      capturedAt: new Date(Math.min(addDays(publishedAt, 7).getTime(), today.getTime() - 60_000)).toISOString(),
    });
  }
}

/**
 * One in eight orders of the last two weeks refunded, one in three of those partly. Refunds are recent
 * because the API dates a refund now, on the day it is recorded: they lower this quarter, as they would.
 */
async function refundSome(token, today) {
  const since = encodeURIComponent(addDays(today, -14).toISOString());
  let refunds = 0;
  let index = 0;
  for (let cursor; ;) {
    const page = await call('GET', `/v1/conversions?from=${since}&limit=200${cursor ? `&cursor=${cursor}` : ''}`, token);
    for (const conversion of page.data) {
      if (index++ % 8 !== 0) continue;
      const partial = refunds % 3 === 2 ? { amount: (Number(conversion.netAmount) / 2).toFixed(2) } : {};
      await call('POST', `/v1/conversions/${conversion.id}/reverse`, token, { reason: 'Returned by the customer', ...partial });
      refunds++;
    }
    if (!(cursor = page.nextCursor)) return refunds;
  }
}

async function countAll(token, path) {
  let count = 0;
  for (let cursor; ;) {
    const page = await call('GET', `${path}?limit=200${cursor ? `&cursor=${cursor}` : ''}`, token);
    count += page.data.length;
    if (!(cursor = page.nextCursor)) return count;
  }
}

/**
 * The past auto-renewing terms ended months ago: the worker's rollover (run now) activates their next
 * terms, whose due deliverables are then published like the others. Without the CLI (DEMO_API_URL) the
 * worker's next hourly run does it, and those deliverables stay planned.
 */
async function renewChains(token, chains, today, totals) {
  if (!canRunJobs()) return 0;
  await runJob('contracts.rollover');
  let renewed = 0;
  for (const { relationshipId, influencer } of chains) {
    const next = await renewedTerm(token, relationshipId);
    if (!next) continue;
    totals.contracts++;
    await publishDue(token, next.id, influencer, today, totals);
    renewed++;
  }
  return renewed;
}

/** The relationship's active term once the rollover has replaced the first one; polls for up to a minute. */
async function renewedTerm(token, relationshipId) {
  for (let attempt = 0; attempt < 60; attempt++) {
    const [active] = (await call('GET', `/v1/contracts?relationshipId=${relationshipId}&status=active`, token)).data;
    if (active?.termNumber > 1) return active;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return undefined;
}

/** A discount code for the ambassador and `orders` orders that used it between `from` and `until`. */
async function ordersThroughCode(token, relationshipId, code, currency, { from, until, orders }, i) {
  await call('POST', '/v1/tracking-codes', token, { relationshipId, kind: 'code', code });
  const money = (cents) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  return Array.from({ length: orders }, (_, k) => {
    const cents = 2_000 + Math.floor(rand() * 13_000);
    const occurredAt = new Date(from.getTime() + rand() * (until.getTime() - from.getTime())).toISOString();
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
  for (const [i, name] of distinctNames(200).entries()) {
    const handle = name.toLowerCase().replace(/\s+/g, '.');
    const accounts = [
      { platform: pick(['instagram', 'tiktok', 'youtube']), handle, followers: followers(i), engagementRate: (1 + rand() * 7).toFixed(2) },
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
  const scansRun = canRunJobs();
  if (scansRun) for (const job of SCANS) await runJob(job);

  console.log(`Demo workspace loaded at ${API}`);
  console.log(`  brands:      ${brands.map((b) => b.name).join(', ')}`);
  console.log(
    `  influencers: ${influencers.length} (${Object.entries(tiers)
      .map(([t, n]) => `${n} ${t}`)
      .join(', ')})`,
  );
  console.log(
    `  relationships: ${program.relationships} across every tier with ${program.contracts} contract terms (${program.active} signed, ${program.chains} renewed by the rollover, ${program.renewals} renewals drafted)`,
  );
  console.log(
    `  deliverables: ${program.deliverables} planned, ${program.onTime} published on time and ${program.late} late with metrics, ${program.unpublished} due and never published`,
  );
  console.log(`  conversions:  ${program.conversions} orders through the ambassadors' discount codes, ${program.refunds} refunded`);
  if (scansRun) console.log(`  reminders and costs: ${SCANS.join(', ')} run now (hourly after that)`);
  for (const brand of brands)
    console.log(
      `  report:       ${brand.name}, last quarter: ${API}/v1/reports/quarterly/view?brandId=${brand.id}&quarter=${lastQuarter(brand)}`,
    );
  console.log(`\nLog in:  email ${email}  password ${password}`);
  console.log(`  curl -s ${API}/v1/auth/login -H 'content-type: application/json' -d '{"email":"${email}","password":"${password}"}'`);
  console.log(`  docs:  ${API}/docs`);
}

/** The brand's last fiscal quarter (named by the calendar year its fiscal year starts in), as the report takes it. */
function lastQuarter({ fiscalYearStartMonth }) {
  const now = new Date();
  const month = now.getUTCMonth() + 1;
  const fiscalYear = now.getUTCFullYear() - (month < fiscalYearStartMonth ? 1 : 0);
  const index = fiscalYear * 4 + Math.floor(((month - fiscalYearStartMonth + 12) % 12) / 3) - 1;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

// The worker ran its scans when it started, before this data existed: without a run now, the demo's
// reminders, missed deliverables, retainer accruals and approvals would wait for the next hourly run.
const SCANS = ['renewals.scan', 'deliverables.scan', 'costs.accrue'];
const CLI = 'dist/apps/worker/src/cli.js';

/** Jobs can be enqueued into the stack `npm start` runs here (the CLI finds it through runtime.json). */
const canRunJobs = () => Boolean(runtime.pid) && !process.env.DEMO_API_URL && existsSync(CLI);

/**
 * Enqueues one run of a scheduled job now; the worker picks it up. Not execFileSync: a blocked event loop
 * misses the API closing an idle keep-alive connection, and the next fetch fails on the dead socket.
 */
async function runJob(job) {
  await promisify(execFile)(process.execPath, [CLI, 'run-job', job]);
}

main().catch((error) => {
  console.error(error.message, error.cause?.message ?? '');
  process.exit(1);
});
