import { PAYABLE_COST_KINDS } from '@app/costs';

/** SQL list of the kinds owed to the ambassador. */
export const PAYABLE_KINDS_SQL = PAYABLE_COST_KINDS.map((kind) => `'${kind}'`).join(', ');

/** The payable entries of `span`'s relationship and currency whose insertion order is in its seqs (PayoutSpans migration). */
const IN_SPAN = (span: string, entry: string) =>
  `${span}.relationship_id = ${entry}.relationship_id AND ${span}.currency = ${entry}.currency AND ${span}.seqs @> ${entry}.seq`;

/** Not in a live payout, for a statement that reads many entries at once: the planner may hash the live spans by relationship. */
const NOT_IN_LIVE_SPAN = (entry: string) => `NOT EXISTS (SELECT 1 FROM payout_entries l WHERE ${IN_SPAN('l', entry)} AND NOT l.released)`;

/**
 * The live span `entry` is in, for a probe per entry: live spans of a relationship and currency never overlap
 * (ex_payout_entries_live), so it can only be the one starting last at or before the entry, which
 * ix_payout_entries_live_start finds (a btree probe; the gist index answered containment 5-6 times slower).
 */
const LIVE_SPAN_OF = (entry: string) => `
  (SELECT l.payout_id, l.seqs FROM payout_entries l
    WHERE l.relationship_id = ${entry}.relationship_id AND l.currency = ${entry}.currency AND NOT l.released AND lower(l.seqs) <= ${entry}.seq
    ORDER BY lower(l.seqs) DESC LIMIT 1)`;

/** An entry that is in a payout which is neither failed nor cancelled (ex_payout_entries_live makes it one at most). */
export const IN_LIVE_PAYOUT = (entry: string) => `EXISTS (SELECT 1 FROM ${LIVE_SPAN_OF(entry)} l WHERE l.seqs @> ${entry}.seq)`;

/**
 * For the run's transaction (SET LOCAL): a run aggregates its entries per relationship in memory up to about a
 * million of them instead of spilling to disk; no JIT: the plan's estimates (the islands' part, most often
 * empty) pass its thresholds, and compiling took seconds for a statement that runs once; and no nested loop: once
 * payout_entries has been analysed while empty (a first run, after a vacuum), its estimate of one row made the
 * planner match every entry against the live spans by a rescan of the table per entry, 2-4 times the run on a
 * million entries, and quadratic once spans exist (bench/README.md). BUILD_RUN's joins are all bulk; its per-entry
 * probes are subqueries, which the setting does not touch. RUN_SETTINGS_END gives the statements after it (the
 * remainders' link finds its entries by key) their nested loops back.
 */
export const RUN_SETTINGS = `SELECT set_config('work_mem', '256MB', true), set_config('jit', 'off', true), set_config('enable_nestloop', 'off', true)`;

/** After BUILD_RUN, in the same transaction: nested loops allowed again (RUN_SETTINGS). */
export const RUN_SETTINGS_END = `SET LOCAL enable_nestloop TO DEFAULT`;

/**
 * How long a run waits for its SHARE lock of cost_entries. While it waits, every writer of the ledger (every
 * workspace's accruals, conversions, costs) queues behind it, so the wait is short and bounded: a transaction
 * holding a conflicting lock longer than this (a long insert, a migration, a LOCK by hand) makes the run answer
 * 503 PAYOUT_RUN_LEDGER_BUSY, nothing written, instead of stalling the writers behind it (docs/payouts.md).
 */
export const RUN_LOCK_TIMEOUT = '3s';

/**
 * The run's horizon, in a transaction of its own before the run's: under a SHARE lock of cost_entries (it waits
 * for the inserts in flight, at most RUN_LOCK_TIMEOUT, and is released at once), the last insertion number given.
 * Every entry numbered at or below it is then committed or gone, and every later one is numbered above it, so a
 * span the run claims up to it never gains an entry afterwards. Run in order; the last answers the horizon.
 */
export const RUN_HORIZON = [
  `SELECT set_config('lock_timeout', '${RUN_LOCK_TIMEOUT}', true)`,
  `LOCK TABLE cost_entries IN SHARE MODE`,
  `SELECT coalesce(pg_sequence_last_value('cost_entry_seq'), 0)::text AS horizon`,
] as const;

/** The payable entries of a run: $1 workspace, $3 brand or null, $7 horizon. */
const RUN_ENTRIES = (entry: string) =>
  `${entry}.workspace_id = $1 AND ${entry}.kind IN (${PAYABLE_KINDS_SQL}) AND ${entry}.seq <= $7::bigint`;

/**
 * One run, one statement (docs/payouts.md), after the workspace's advisory lock so two runs take turns and the
 * second sees what the first claimed. $1 workspace, $2 period end (a calendar day; entries are dated in their
 * brand's zone already), $3 brand or null, $4 minimum, $5 run id, $6 minor units per currency ({"EUR": 2}),
 * $7 the horizon (RUN_HORIZON). Every payable entry through $2 in no live payout, numbered at or below $7, in
 * spans per relationship and currency: the runs of such entries in insertion order, broken by an entry dated
 * after $2 or already in a live payout. Mostly a relationship's entries through $2 are one span, found by one
 * aggregate (`unpaid`); a relationship with a later-dated or taken entry inside that span is cut into its
 * islands (`islands`, reading only its entries again). The spans are grouped per payee (the relationship's
 * influencer) and currency; a group whose total, cut to whole minor units, reaches the minimum becomes a draft
 * payout of that amount and its spans are linked; the others (under the minimum, negative) are left for a later
 * run. Returns, per payout, the part under one minor unit (commissions are kept to 0.0001) for the caller to carry.
 */
export const BUILD_RUN = `
  WITH per_relationship AS (
    SELECT e.relationship_id, e.currency,
           sum(e.amount) FILTER (WHERE e.incurred_on <= $2) AS total,
           min(e.seq) FILTER (WHERE e.incurred_on <= $2) AS lo, max(e.seq) FILTER (WHERE e.incurred_on <= $2) AS hi,
           min(e.seq) FILTER (WHERE e.incurred_on > $2) AS later_lo, max(e.seq) FILTER (WHERE e.incurred_on > $2) AS later_hi
    FROM cost_entries e
    WHERE ${RUN_ENTRIES('e')} AND ${NOT_IN_LIVE_SPAN('e')}
      AND ($3::uuid IS NULL OR e.relationship_id IN (SELECT id FROM relationships WHERE workspace_id = $1 AND brand_id = $3::uuid))
    GROUP BY e.relationship_id, e.currency
  ), unpaid AS MATERIALIZED (
    SELECT p.*, r.influencer_id FROM per_relationship p JOIN relationships r ON r.id = p.relationship_id AND r.workspace_id = $1
  ), cut AS MATERIALIZED (
    SELECT u.relationship_id, u.currency, u.influencer_id FROM unpaid u
    WHERE u.lo IS NOT NULL AND (u.later_lo < u.hi AND u.later_hi > u.lo OR EXISTS (
      SELECT 1 FROM payout_entries x WHERE x.relationship_id = u.relationship_id AND x.currency = u.currency AND NOT x.released
        AND x.seqs && int8range(u.lo, u.hi, '[]')))
  ), marked AS (
    SELECT e.relationship_id, e.currency, e.seq, e.amount,
           e.incurred_on <= $2 AND ${NOT_IN_LIVE_SPAN('e')} AS taken,
           row_number() OVER (PARTITION BY e.relationship_id, e.currency ORDER BY e.seq) AS pos
    FROM cut c JOIN cost_entries e ON e.relationship_id = c.relationship_id AND e.currency = c.currency AND ${RUN_ENTRIES('e')}
  ), islands AS (
    SELECT relationship_id, currency, sum(amount) AS total, min(seq) AS lo, max(seq) AS hi
    FROM (SELECT *, pos - row_number() OVER (PARTITION BY relationship_id, currency ORDER BY seq) AS island FROM marked WHERE taken) t
    GROUP BY relationship_id, currency, island
  ), spans AS (
    SELECT u.relationship_id, u.currency, u.influencer_id, u.total, u.lo, u.hi FROM unpaid u
    WHERE u.lo IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cut c WHERE c.relationship_id = u.relationship_id AND c.currency = u.currency)
    UNION ALL
    SELECT i.relationship_id, i.currency, c.influencer_id, i.total, i.lo, i.hi
    FROM islands i JOIN cut c ON c.relationship_id = i.relationship_id AND c.currency = i.currency
  ), groups AS (
    SELECT influencer_id, currency, sum(total) AS total, trunc(sum(total), ($6::jsonb ->> currency::text)::int) AS payable,
           min(relationship_id::text)::uuid AS relationship_id
    FROM spans GROUP BY influencer_id, currency
  ), made AS (
    INSERT INTO payouts (workspace_id, run_id, influencer_id, currency, amount)
    SELECT $1, $5, influencer_id, currency, payable FROM groups WHERE payable > 0 AND payable >= $4
    ORDER BY influencer_id, currency
    RETURNING id, influencer_id, currency, amount
  ), linked AS (
    INSERT INTO payout_entries (payout_id, relationship_id, currency, seqs)
    SELECT m.id, s.relationship_id, s.currency, int8range(s.lo, s.hi, '[]')
    FROM spans s JOIN made m ON m.influencer_id = s.influencer_id AND m.currency = s.currency
  )
  SELECT m.id AS "payoutId", g.relationship_id AS "relationshipId", m.currency, (g.total - m.amount)::text AS remainder
  FROM made m JOIN groups g ON g.influencer_id = m.influencer_id AND g.currency = m.currency
  WHERE g.total <> m.amount`;

/** Links the negative halves of the carried remainders ($2 entries, dated $3) to their payouts ($1), one span each. */
export const LINK_ENTRIES = `
  INSERT INTO payout_entries (payout_id, relationship_id, currency, seqs)
  SELECT x.p, e.relationship_id, e.currency, int8range(e.seq, e.seq, '[]')
  FROM unnest($1::uuid[], $2::uuid[]) AS x(p, e) JOIN cost_entries e ON e.id = x.e AND e.incurred_on = $3::date`;

/** For the reports' paid and owed (docs/reports.md): the entry `entry` is in a payout marked paid. */
export const IN_PAID_PAYOUT = (entry: string) =>
  `EXISTS (SELECT 1 FROM ${LIVE_SPAN_OF(entry)} l JOIN payouts p ON p.id = l.payout_id WHERE l.seqs @> ${entry}.seq AND p.status = 'paid')`;

/**
 * From payouts `p`: their spans `l` (released ones for a failed or cancelled payout, live ones otherwise) and
 * entries `e`, reached through the span's relationship (ix_cost_entries_payable). Every entry of a span is dated
 * on or before its run's period end (the carried remainders included: they are dated on it).
 */
export const PAYOUT_ENTRIES = `
  JOIN payout_runs lr ON lr.id = p.run_id
  JOIN payout_entries l ON l.payout_id = p.id AND l.released = (p.status IN ('failed', 'cancelled'))
  JOIN cost_entries e ON e.workspace_id = p.workspace_id AND e.relationship_id = l.relationship_id AND e.kind IN (${PAYABLE_KINDS_SQL})
    AND e.currency = l.currency AND e.incurred_on <= lr.period_end AND l.seqs @> e.seq`;
