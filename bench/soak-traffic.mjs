// The program the soak bench drives and the mix of requests it sends: kept apart from the orchestration.
import { randomBytes } from 'node:crypto';

let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = (items) => items[Math.floor(rand() * items.length)];
const isoDate = (date) => date.toISOString().slice(0, 10);
const DAY = 86_400_000;

export function client(base, token) {
  return async function call(method, path, body) {
    const started = performance.now();
    try {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token.value && { authorization: `Bearer ${token.value}` }) },
        body: body && JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        ms: performance.now() - started,
        body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
      };
    } catch (error) {
      return { status: 0, ms: performance.now() - started, body: String(error) };
    }
  };
}

async function must(call, method, path, body) {
  const answer = await call(method, path, body);
  if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/**
 * Two brands (Paris/EUR, New York/USD), RELATIONSHIPS ambassadors with an active term that started 80 days
 * ago and ends in 30 days (renewal reminders {30} come due), a fee per deliverable, 10 % commission,
 * weekly posts, a discount code each.
 */
export async function seedProgram(base, relationships) {
  const token = { value: undefined };
  const call = client(base, token);
  const email = `soak-${randomBytes(3).toString('hex')}@example.com`;
  token.value = (
    await must(call, 'POST', '/v1/auth/signup', {
      workspaceName: 'Soak',
      name: 'Sam Soak',
      email,
      password: `pw-${randomBytes(8).toString('hex')}`,
    })
  ).accessToken;
  const brands = [
    await must(call, 'POST', '/v1/brands', { name: 'Soak Paris', currency: 'EUR', timezone: 'Europe/Paris' }),
    await must(call, 'POST', '/v1/brands', { name: 'Soak New York', currency: 'USD', timezone: 'America/New_York' }),
  ];
  const program = { token, brands, relationships: [], deliverables: [], conversions: [] };
  const today = new Date();
  for (let i = 0; i < relationships; i++) {
    const brand = brands[i % 2];
    const influencer = await must(call, 'POST', '/v1/influencers', {
      name: `Creator ${i}`,
      email: `creator${i}@creators.example`,
      socialAccounts: [{ platform: 'instagram', handle: `soak.creator.${i}`, followers: 2_000 + Math.round(rand() * 400_000) }],
    });
    const relationship = await must(call, 'POST', '/v1/relationships', { brandId: brand.id, influencerId: influencer.id });
    const contract = await must(call, 'POST', '/v1/contracts', {
      relationshipId: relationship.id,
      startDate: isoDate(new Date(today.getTime() - 80 * DAY)),
      endDate: isoDate(new Date(today.getTime() + 30 * DAY)),
      retainerMonthly: '500.00',
      feePerDeliverable: '120.00',
      commissionRate: '10',
      reminderDaysBefore: [30],
      deliverablePlan: [{ type: 'post', platform: 'instagram', quantity: 4, per: 'month' }],
    });
    await must(call, 'POST', `/v1/contracts/${contract.id}/activate`);
    const code = `SOAK${i}`;
    await must(call, 'POST', '/v1/tracking-codes', { relationshipId: relationship.id, kind: 'code', code });
    program.relationships.push({ id: relationship.id, contractId: contract.id, brand, code });
    const { data } = await must(call, 'GET', `/v1/deliverables?contractId=${contract.id}&limit=200`);
    // Only those not yet due: the worker marks a week-overdue one missed, and the soak is about traffic that succeeds.
    const open = data.filter((d) => d.dueDate >= isoDate(today));
    program.deliverables.push(...open.map((d) => ({ id: d.id, status: d.status })));
  }
  return program;
}

let orderNumber = 0;
function order(program) {
  const relationship = pick(program.relationships);
  const cents = 1_500 + Math.floor(rand() * 20_000);
  const byCode = rand() < 0.5;
  return {
    source: 'api',
    externalId: `soak-${++orderNumber}`,
    occurredAt: new Date(Date.now() - rand() * 20 * DAY).toISOString(),
    amount: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
    currency: relationship.brand.currency,
    ...(byCode ? { code: relationship.code } : { relationshipId: relationship.id }),
  };
}

const STEPS = {
  planned: ['submit', { contentUrl: 'https://drive.example/draft', caption: 'Draft' }, 'submitted'],
  submitted: ['approve', undefined, 'approved'],
  approved: ['publish', { postUrl: 'https://www.instagram.com/p/soak' }, 'published'],
};

async function addDeliverable(call, p) {
  const dueDate = isoDate(new Date(Date.now() + (5 + Math.floor(rand() * 20)) * DAY));
  const answer = await call('POST', '/v1/deliverables', {
    contractId: pick(p.relationships).contractId,
    type: 'post',
    platform: 'instagram',
    dueDate,
  });
  if (answer.status < 300) p.deliverables.push({ id: answer.body.id, status: answer.body.status });
  return answer;
}

/** Each operation: [route group, weight, run(call, program) -> answer]. */
export const OPERATIONS = [
  ['read: influencers list', 20, (call) => call('GET', '/v1/influencers?limit=50')],
  ['read: relationship', 10, (call, p) => call('GET', `/v1/relationships/${pick(p.relationships).id}`)],
  [
    'read: conversions list',
    8,
    async (call, p) => {
      const answer = await call('GET', '/v1/conversions?limit=50');
      if (answer.status === 200) p.conversions = answer.body.data.filter((c) => c.status !== 'reversed').map((c) => c.id);
      return answer;
    },
  ],
  ['read: performance', 6, (call, p) => call('GET', `/v1/relationships/${pick(p.relationships).id}/performance?granularity=month`)],
  [
    'read: quarterly report',
    3,
    (call, p) =>
      call(
        'GET',
        `/v1/reports/quarterly?brandId=${pick(p.brands).id}&quarter=${new Date().getUTCFullYear()}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`,
      ),
  ],
  [
    'write: conversions batch (200)',
    15,
    (call, p) => {
      const rows = Array.from({ length: 200 }, () => order(p));
      // One in ten is sent again: the ledger must count it once.
      if (orderNumber > 400)
        rows.push(...rows.slice(0, 20).map((r) => ({ ...r, externalId: `soak-${1 + Math.floor(rand() * (orderNumber - 1))}` })));
      return call('POST', '/v1/conversions/batch', { conversions: rows });
    },
  ],
  [
    'write: reversal',
    5,
    (call, p) =>
      p.conversions.length
        ? call('POST', `/v1/conversions/${pick(p.conversions)}/reverse`, { amount: '1.00', reason: 'Soak partial refund' })
        : call('GET', '/v1/conversions?limit=1'),
  ],
  [
    'write: deliverable transition',
    10,
    async (call, p) => {
      const open = p.deliverables.filter((d) => STEPS[d.status]);
      // Once most are published, a manager adds one by hand (as they do), so transitions keep succeeding.
      if (open.length < 10) return addDeliverable(call, p);
      const deliverable = pick(open);
      const [action, body, next] = STEPS[deliverable.status] ?? ['submit', STEPS.planned[1], deliverable.status];
      const answer = await call('POST', `/v1/deliverables/${deliverable.id}/${action}`, body);
      if (answer.status < 300) deliverable.status = next;
      // Another client moved it first: learn where it is rather than repeat the same conflict.
      else if (answer.body?.currentStatus) deliverable.status = answer.body.currentStatus;
      return answer;
    },
  ],
  [
    'write: metrics',
    8,
    (call, p) => {
      const published = p.deliverables.filter((d) => d.status === 'published');
      const target = published.length ? pick(published) : pick(p.deliverables);
      const impressions = 1_000 + Math.floor(rand() * 50_000);
      return call('POST', `/v1/deliverables/${target.id}/metrics`, {
        impressions,
        reach: Math.floor(impressions * 0.8),
        likes: Math.floor(impressions * 0.05),
        comments: 12,
        shares: 4,
        saves: 9,
        clicks: 30,
      });
    },
  ],
  [
    'write: report email',
    1,
    (call, p) =>
      call('POST', '/v1/reports/quarterly/send', {
        brandId: pick(p.brands).id,
        quarter: `${new Date().getUTCFullYear()}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`,
      }),
  ],
];

export function pickOperation() {
  const total = OPERATIONS.reduce((sum, [, weight]) => sum + weight, 0);
  let r = rand() * total;
  for (const operation of OPERATIONS) if ((r -= operation[1]) <= 0) return operation;
  return OPERATIONS[0];
}
