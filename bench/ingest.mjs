// bench/ingest: conversions posted through POST /v1/conversions/batch by concurrent clients, re-posted (dedup:
// nothing accepted), then the same rows COPYed into an empty copy of the table. Usage: npm run bench:ingest
// Domain events: the same count is first posted (other external ids) with the domain_events insert turned
// off by a BEFORE INSERT trigger that drops the rows, so the run prints the cost of recording events.
// env: BENCH_CONVERSIONS (1e6), BENCH_BATCH (5000), BENCH_CLIENTS (4), BENCH_RELATIONSHIPS (1e4), BENCH_KEEP_DB.
// Prints, per phase, the CPU the API, the PostgreSQL backends and Redis spent per 1,000 rows.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
// pg has no COPY FROM STDIN of its own: pg-copy-streams (pinned dev dependency) streams it.
import { from as copyFrom } from 'pg-copy-streams';
import { cpuMeter } from './cpu-meter.mjs';
import { seedRelationships } from './ingest-seed.mjs';
import { dropDatabase, ensureBuilt, fmt, migratedDatabase, startApi } from './lib.mjs';

const CONVERSIONS = Number(process.env.BENCH_CONVERSIONS ?? 1_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const RELATIONSHIPS = Number(process.env.BENCH_RELATIONSHIPS ?? 10_000);
const COMMISSION_PERCENT = 10n;
const DB = 'acrm_bench_ingest';
// Orders of the last 30 days: inside every seeded term (a year either side of today).
const FIRST_ORDER_AT = Date.now() - 30 * 86_400_000;

ensureBuilt();
const { databaseUrl, pool } = await migratedDatabase(DB, 4);
const api = await startApi({
  PORT: '3918',
  DATABASE_URL: databaseUrl,
  SIGNUP_PER_IP_PER_HOUR: '1000000',
});

try {
  const body = JSON.stringify({ workspaceName: 'Bench', name: 'Bench', email: 'bench@example.com', password: 'bench password 1' });
  const signup = await (
    await fetch(`${api.url}/v1/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  ).json();
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${signup.accessToken}` };
  const workspaceId = signup.workspace.id;
  const terms = await seedRelationships(pool, workspaceId, RELATIONSHIPS, COMMISSION_PERCENT);
  console.log(`${RELATIONSHIPS} relationships seeded; ${CONVERSIONS} conversions, batches of ${BATCH}, ${CLIENTS} clients`);

  // CPU ms per 1,000 rows: steadier than rows/s on a shared machine.
  const meter = cpuMeter({ api: api.child.pid }, pool);
  const perThousand = (seconds) => fmt((seconds * 1e6) / CONVERSIONS, 0);
  const cpu = (r) =>
    `CPU per 1,000 rows: API ${perThousand(r.cpu.api)} ms, PostgreSQL ${perThousand(r.cpu.postgres)} ms, Redis ${perThousand(r.cpu.redis)} ms`;
  const show = (label, r) =>
    console.log(
      `API ${label}: ${fmt(r.rps, 0)} rows/s (${fmt(r.seconds, 1)} s) accepted ${r.accepted}, duplicates ${r.duplicates}, rejected ${r.rejected}; ${cpu(r)}`,
    );
  // Before the measured post, so the table is smaller for this phase (the comparison favours "without" on size,
  // and "with" on the trigger's own call per row).
  await pool.query(`CREATE FUNCTION bench_drop_event() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END'`);
  await pool.query(`CREATE TRIGGER bench_no_events BEFORE INSERT ON domain_events FOR EACH ROW EXECUTE FUNCTION bench_drop_event()`);
  const without = await meter.measure(() => postAll(headers, terms, 'noevents-'));
  await pool.query(`DROP TRIGGER bench_no_events ON domain_events; DROP FUNCTION bench_drop_event()`);
  show('no events', without);
  const first = await meter.measure(() => postAll(headers, terms));
  show('first post', first);
  const events = Number((await pool.query(`SELECT count(*) FROM domain_events WHERE type = 'conversion.created'`)).rows[0].count);
  const again = await meter.measure(() => postAll(headers, terms));
  show('re-post   ', again);
  const copy = await meter.measure(() => copyAll(workspaceId, terms));
  console.log(`COPY same rows: ${fmt(copy.rps, 0)} rows/s (${fmt(copy.seconds, 1)} s) into conversions_copy; ${cpu(copy)}`);

  const stored = Number((await pool.query(`SELECT count(*) FROM conversions WHERE external_id LIKE 'bench-%'`)).rows[0].count);
  console.log(
    `events: ${events} conversion.created recorded; ingest with events ${fmt(first.rps, 0)} rows/s, without ${fmt(without.rps, 0)} rows/s: ` +
      `ratio ${fmt(first.rps / without.rps, 2)} (target >= 0.85); API CPU per 1,000 rows ${perThousand(first.cpu.api)} vs ${perThousand(without.cpu.api)} ms, ` +
      `PostgreSQL ${perThousand(first.cpu.postgres)} vs ${perThousand(without.cpu.postgres)} ms`,
  );
  console.log(`\nAPI ${fmt(first.rps, 0)} rows/s (target >= 25,000); ratio API/COPY ${fmt(first.rps / copy.rps, 2)} (target >= 0.30)`);
  console.log(`dedup: re-post accepted ${again.accepted} (must be 0); conversions stored ${stored} of ${CONVERSIONS}`);
  if (first.accepted !== CONVERSIONS || again.accepted !== 0 || stored !== CONVERSIONS || events !== CONVERSIONS)
    throw new Error('every conversion must be accepted once, the re-post none');
} finally {
  await pool.end();
  await api.stop();
  // BENCH_KEEP_DB=1 keeps it for EXPLAIN.
  if (!process.env.BENCH_KEEP_DB) await dropDatabase(DB);
}

/** Conversion i, the same in every phase: 10.00–99.99 EUR in BigInt cents. */
function conversion(i, terms, prefix = 'bench-') {
  const cents = 1_000n + BigInt(i % 9_000);
  return {
    term: terms[i % terms.length],
    externalId: `${prefix}${i}`,
    occurredAt: new Date(FIRST_ORDER_AT + (i % 2_592_000) * 1_000).toISOString(),
    cents,
  };
}

// Hoisted declarations: the top-level awaits above call them first.
function rate(started, seconds = (performance.now() - started) / 1000) {
  return { seconds, rps: CONVERSIONS / seconds };
}
function decimal(units, digits) {
  return `${units / 10n ** BigInt(digits)}.${String(units % 10n ** BigInt(digits)).padStart(digits, '0')}`;
}

/** CLIENTS loops take the next batch until none is left; a non-2xx stops. */
async function postAll(headers, terms, prefix) {
  const totals = { accepted: 0, duplicates: 0, rejected: 0 };
  let next = 0;
  const client = async () => {
    for (let start = next; start < CONVERSIONS; start = next) {
      next += BATCH;
      const conversions = [];
      for (let i = start; i < Math.min(start + BATCH, CONVERSIONS); i++) {
        const { term, externalId, occurredAt, cents } = conversion(i, terms, prefix);
        conversions.push({ source: 'api', externalId, occurredAt, amount: decimal(cents, 2), currency: 'EUR', relationshipId: term.id });
      }
      const response = await fetch(`${api.url}/v1/conversions/batch`, { method: 'POST', headers, body: JSON.stringify({ conversions }) });
      const body = await response.json();
      if (!response.ok) throw new Error(`batch answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
      if (body.rejected.length && totals.rejected === 0) console.error(`rejected, e.g.: ${JSON.stringify(body.rejected[0])}`);
      totals.accepted += body.accepted;
      totals.duplicates += body.duplicates;
      totals.rejected += body.rejected.length;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return { ...totals, ...rate(started) };
}

/** The rows as the API stores them (net = gross, commission at the term's rate), streamed as COPY text. */
async function copyAll(workspaceId, terms) {
  await pool.query('DROP TABLE IF EXISTS conversions_copy');
  await pool.query('CREATE TABLE conversions_copy (LIKE conversions INCLUDING ALL)');
  const columns =
    'workspace_id, relationship_id, contract_id, source, external_id, occurred_at, attributed_by, currency, gross_amount, net_amount, commission_rate, commission_amount';
  function* lines() {
    for (let start = 0; start < CONVERSIONS; start += BATCH) {
      let chunk = '';
      for (let i = start; i < Math.min(start + BATCH, CONVERSIONS); i++) {
        const { term, externalId, occurredAt, cents } = conversion(i, terms);
        const amount = decimal(cents, 2);
        // commission = cents/100 × rate/100, i.e. cents × rate units of 0.0001.
        chunk += `${workspaceId}\t${term.id}\t${term.contractId}\tapi\t${externalId}\t${occurredAt}\trelationship\tEUR\t${amount}\t${amount}\t${COMMISSION_PERCENT}\t${decimal(cents * COMMISSION_PERCENT, 4)}\n`;
      }
      yield chunk;
    }
  }
  const client = await pool.connect();
  try {
    const started = performance.now();
    await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY conversions_copy (${columns}) FROM STDIN`)));
    return rate(started);
  } finally {
    client.release();
  }
}
