// bench/body-stall: how long one request body holds the API's event loop, for the largest bodies each
// route takes and the hostile shapes of issue 21. Usage: npm run bench:body-stall
// env: BENCH_REPEAT (5), BENCH_ONLY (a substring of the labels to run).
// Per body: the longest event-loop delay the API saw while it handled the body alone (prom-client's
// nodejs_eventloop_lag_max_seconds, reset by each scrape, 10 ms resolution) and, as the raw baseline,
// JSON.parse of the same bytes in this process: the floor any Node server pays for a JSON body.
import { dropDatabase, ensureBuilt, fmt, migratedDatabase, percentile, startApi } from './lib.mjs';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const DB = 'acrm_bench_body_stall';
const many = (item, count) => `${item},`.repeat(count - 1) + item;
const conversion = (i, extra = {}) => ({
  source: 'api',
  externalId: `stall-${i}-${Math.random().toString(36).slice(2)}`,
  occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
  amount: '19.99',
  currency: 'EUR',
  unattributed: true,
  ...extra,
});
const csvRow = (i) =>
  `Person ${i},person${i}@example.com,SE,outdoor;hiking,A note about them,@person.${i},${1000 + i},3.25,2026-03-31,,,,,`;
const CSV_HEADER =
  'name,email,country,tags,notes,instagram_handle,instagram_followers,instagram_engagement_rate,instagram_as_of,tiktok_handle,tiktok_followers,youtube_handle,youtube_followers,youtube_url';

/** [label, method, path, content type, body(): fresh text per send (batches must not be duplicates)] */
const bodies = [
  ['a tiny login (no such user)', 'POST', '/v1/auth/login', 'json', () => '{"email":"nobody@example.com","password":"x"}'],
  [
    '5,000 valid conversions (largest batch)',
    'POST',
    '/v1/conversions/batch',
    'json',
    () => JSON.stringify({ conversions: Array.from({ length: 5000 }, (_, i) => conversion(i)) }),
  ],
  [
    '5,000 conversions, every one invalid',
    'POST',
    '/v1/conversions/batch',
    'json',
    () => JSON.stringify({ conversions: Array.from({ length: 5000 }, (_, i) => conversion(i, { amount: 'x', currency: 7 })) }),
  ],
  [
    '5,000 conversions of 1,000-character ids (invalid, near the byte limit)',
    'POST',
    '/v1/conversions/batch',
    'json',
    () => JSON.stringify({ conversions: Array.from({ length: 5000 }, (_, i) => conversion(i, { externalId: 'x'.repeat(1000) + i })) }),
  ],
  [
    'a brand whose name is a 9 MB string',
    'POST',
    '/v1/brands',
    'json',
    () => JSON.stringify({ name: 'n'.repeat(9_000_000), currency: 'EUR', timezone: 'UTC' }),
  ],
  ['an influencer with 1.9 M tags', 'POST', '/v1/influencers', 'json', () => `{"name":"Tagged","tags":[${many('"a"', 1_900_000)}]}`],
  [
    'an object of 500,000 keys',
    'POST',
    '/v1/brands',
    'json',
    () => `{"name":"B","x":{${Array.from({ length: 500_000 }, (_, i) => `"k${i}":0`).join(',')}}}`,
  ],
  [
    '2 M members within every per-array limit',
    'POST',
    '/v1/brands',
    'json',
    () => `{"name":"B","x":[${many(`[${many('0', 4_000)}]`, 500)}]}`,
  ],
  [
    '99,000 members in an unknown field',
    'POST',
    '/v1/influencers',
    'json',
    () => `{"name":"N","junk":[${many(`{"a":[${many('{}', 30)}]}`, 3_000)}]}`,
  ],
  ['a million levels of nesting', 'PATCH', '/v1/workspace', 'json', () => `{"name":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`],
  [
    'login with 1.5 M empty objects',
    'POST',
    '/v1/auth/login',
    'json',
    () => `{"email":"a@example.com","password":"x","junk":[${many('{}', 1_500_000)}]}`,
  ],
  [
    'an influencer CSV of 10,000 rows',
    'POST',
    '/v1/influencers/import',
    'csv',
    () => [CSV_HEADER, ...Array.from({ length: 10_000 }, (_, i) => csvRow(i))].join('\n'),
  ],
];

ensureBuilt();
const { databaseUrl, pool } = await migratedDatabase(DB, 1);
const api = await startApi({
  PORT: '3921',
  DATABASE_URL: databaseUrl,
  SIGNUP_PER_IP_PER_HOUR: '1000000',
  LOGIN_MAX_FAILURES_PER_IP: '1000000',
});
const lagMs = async () => {
  const text = await (await fetch(`${api.url}/metrics`)).text();
  return Number(/^nodejs_eventloop_lag_max_seconds (\S+)/m.exec(text)?.[1] ?? NaN) * 1000;
};

try {
  const signup = await (
    await fetch(`${api.url}/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspaceName: 'Bench', name: 'Bench', email: 'bench@example.com', password: 'bench password 1' }),
    })
  ).json();
  const auth = `Bearer ${signup.accessToken}`;
  console.log(`each body sent ${REPEAT} times, one at a time; p50 / max of the API's longest event-loop delay while handling it\n`);
  const rows = [];
  for (const [label, method, path, kind, make] of bodies.filter(([label]) => label.includes(process.env.BENCH_ONLY ?? ''))) {
    const stalls = [];
    const parses = [];
    let status = 0;
    let bytes = 0;
    for (let i = 0; i < REPEAT; i++) {
      const body = make();
      bytes = Buffer.byteLength(body);
      if (kind === 'json') {
        const started = performance.now();
        try {
          JSON.parse(body);
        } catch {
          // a million levels of nesting overflows the stack: the parse still paid until it threw
        }
        parses.push(performance.now() - started);
      }
      await lagMs();
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers: { authorization: auth, 'content-type': kind === 'json' ? 'application/json' : 'text/csv' },
        body,
      });
      await response.arrayBuffer();
      status = response.status;
      stalls.push(await lagMs());
    }
    stalls.sort((a, b) => a - b);
    parses.sort((a, b) => a - b);
    const parse = parses.length ? percentile(parses, 50) : NaN;
    rows.push({ label, status, mb: bytes / 1e6, p50: percentile(stalls, 50), max: stalls.at(-1), parse });
  }
  for (const r of rows)
    console.log(
      `${r.label.padEnd(72)} ${fmt(r.mb, 2).padStart(6)} MB -> ${r.status}  loop stall p50 ${fmt(r.p50, 0).padStart(4)} ms, max ${fmt(r.max, 0).padStart(4)} ms;` +
        ` raw JSON.parse ${Number.isFinite(r.parse) ? `${fmt(r.parse, 0)} ms, ratio ${fmt(r.p50 / Math.max(r.parse, 1), 1)}` : 'n/a (CSV)'}`,
    );
  const worst = rows.reduce((a, b) => (b.p50 > a.p50 ? b : a));
  console.log(`\nlongest p50 stall: ${fmt(worst.p50, 0)} ms (${worst.label}); goal: none over 50 ms`);
} finally {
  await pool.end();
  await api.stop();
  await dropDatabase(DB);
}
