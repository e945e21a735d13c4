// npm run demo: loads a realistic demo workspace into a running stack through its public API and
// prints a login. Finds the API in .data/runtime.json (written by `npm start`) or DEMO_API_URL.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

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
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = (items) => items[Math.floor(rand() * items.length)];

const firstNames = ['Maya', 'Leo', 'Ines', 'Noah', 'Zoe', 'Sami', 'Lena', 'Hugo', 'Aya', 'Theo', 'Nora', 'Elias', 'Mila', 'Jonas', 'Lina', 'Oscar', 'Sofia', 'Malik', 'Emma', 'Yuki'];
const lastNames = ['Martin', 'Bernard', 'Dubois', 'Moreau', 'Laurent', 'Garcia', 'Rossi', 'Schmidt', 'Nakamura', 'Silva', 'Novak', 'Jensen', 'Kowalski', 'Haddad', 'Okafor'];
const niches = ['trail-running', 'climbing', 'camping', 'skincare', 'vegan-food', 'cycling', 'yoga', 'sustainable-fashion', 'travel', 'photography'];
const countries = ['FR', 'DE', 'ES', 'IT', 'NL', 'BE', 'US', 'GB', 'SE', 'JP'];
// Mostly nano and micro creators, a few big names: the mix brands actually run.
const followerBands = [[1_500, 9_900, 0.3], [10_000, 99_000, 0.5], [100_000, 490_000, 0.12], [500_000, 990_000, 0.05], [1_000_000, 4_000_000, 0.03]];

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

async function main() {
  try {
    await fetch(`${API}/health`);
  } catch {
    throw new Error(`No API at ${API}. Start the product first (npm start), or set DEMO_API_URL.`);
  }
  const email = `demo-${randomBytes(3).toString('hex')}@ambassador-crm.local`;
  const password = `demo-${randomBytes(6).toString('hex')}`;
  const { accessToken } = await call('POST', '/v1/auth/signup', null, { workspaceName: 'Demo: Northwind & Lumen', name: 'Dana Demo', email, password });

  const brands = [
    await call('POST', '/v1/brands', accessToken, { name: 'Northwind Outdoor', currency: 'EUR', timezone: 'Europe/Paris' }),
    await call('POST', '/v1/brands', accessToken, { name: 'Lumen Skincare', currency: 'USD', timezone: 'America/Los_Angeles', fiscalYearStartMonth: 4 }),
  ];

  const influencers = [];
  for (let i = 0; i < 200; i++) {
    const name = `${pick(firstNames)} ${pick(lastNames)}`;
    const handle = `${name.toLowerCase().replace(/\s+/g, '.')}.${i}`;
    const accounts = [{ platform: pick(['instagram', 'tiktok', 'youtube']), handle, followers: followers(), engagementRate: (1 + rand() * 7).toFixed(2) }];
    if (rand() < 0.35) accounts.push({ platform: 'tiktok' === accounts[0].platform ? 'instagram' : 'tiktok', handle: `${handle}.alt`, followers: Math.round(accounts[0].followers * rand()) });
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
  const tiers = influencers.reduce((acc, i) => ({ ...acc, [i.tier]: (acc[i.tier] ?? 0) + 1 }), {});

  console.log(`Demo workspace loaded at ${API}`);
  console.log(`  brands:      ${brands.map((b) => b.name).join(', ')}`);
  console.log(`  influencers: ${influencers.length} (${Object.entries(tiers).map(([t, n]) => `${n} ${t}`).join(', ')})`);
  console.log('  relationships, contracts, deliverables and conversions are added here as those parts of the API land');
  console.log(`\nLog in:  email ${email}  password ${password}`);
  console.log(`  curl -s ${API}/v1/auth/login -H 'content-type: application/json' -d '{"email":"${email}","password":"${password}"}'`);
  console.log(`  docs:  ${API}/docs`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
