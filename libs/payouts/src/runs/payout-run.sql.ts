import { PAYABLE_COST_KINDS } from '@app/costs';

/** SQL list of the kinds owed to the ambassador. */
export const PAYABLE_KINDS_SQL = PAYABLE_COST_KINDS.map((kind) => `'${kind}'`).join(', ');

/** An entry that is in a payout which is neither failed nor cancelled (uq_payout_entries_live makes it one at most). */
export const IN_LIVE_PAYOUT = (entry: string) =>
  `EXISTS (SELECT 1 FROM payout_entries l WHERE l.cost_entry_id = ${entry}.id AND NOT l.released)`;

/**
 * For the run's transaction (SET LOCAL): a run holds its candidates (about 100 bytes an entry) and sorts its
 * links in memory up to about a million entries instead of spilling both to disk; larger runs spill, slower.
 */
export const RUN_WORK_MEM = '256MB';

/**
 * One run, one statement (docs/payouts.md), after the workspace's advisory lock so two runs take turns and the
 * second sees what the first linked. $1 workspace, $2 period end (a calendar day; entries are dated in their
 * brand's zone already), $3 brand or null, $4 minimum, $5 run id, $6 minor units per currency ({"EUR": 2}).
 * Every payable entry through $2 in no live payout, grouped per payee (the relationship's influencer) and
 * currency; a group whose total, cut to whole minor units, reaches the minimum becomes a draft payout of that
 * amount and all its entries are linked; the others (under the minimum, negative) are left for a later run.
 * Returns, per payout, the part under one minor unit (commissions are kept to 0.0001) for the caller to carry.
 * The links are inserted in entry order, the order of uq_payout_entries_live (their only index), so its pages
 * are filled one after the other rather than at random; RUN_WORK_MEM keeps the candidates and that sort in
 * memory (bench/README.md).
 */
export const BUILD_RUN = `
  WITH candidates AS MATERIALIZED (
    SELECT e.id, e.incurred_on, e.amount, e.currency, e.relationship_id, r.influencer_id
    FROM cost_entries e JOIN relationships r ON r.id = e.relationship_id
    WHERE e.workspace_id = $1 AND e.kind IN (${PAYABLE_KINDS_SQL}) AND e.incurred_on <= $2
      AND ($3::uuid IS NULL OR r.brand_id = $3::uuid)
      AND NOT ${IN_LIVE_PAYOUT('e')}
  ), groups AS (
    SELECT influencer_id, currency, sum(amount) AS total, trunc(sum(amount), ($6::jsonb ->> currency::text)::int) AS payable,
           min(relationship_id::text)::uuid AS relationship_id
    FROM candidates GROUP BY influencer_id, currency
  ), made AS (
    INSERT INTO payouts (workspace_id, run_id, influencer_id, currency, amount)
    SELECT $1, $5, influencer_id, currency, payable FROM groups WHERE payable > 0 AND payable >= $4
    ORDER BY influencer_id, currency
    RETURNING id, influencer_id, currency, amount
  ), linked AS (
    INSERT INTO payout_entries (payout_id, cost_entry_id, incurred_on)
    SELECT m.id, c.id, c.incurred_on FROM candidates c JOIN made m ON m.influencer_id = c.influencer_id AND m.currency = c.currency
    ORDER BY c.id
  )
  SELECT m.id AS "payoutId", g.relationship_id AS "relationshipId", m.currency, (g.total - m.amount)::text AS remainder
  FROM made m JOIN groups g ON g.influencer_id = m.influencer_id AND g.currency = m.currency
  WHERE g.total <> m.amount`;

/** For the reports' paid and owed (docs/reports.md): the entry `entry` is in a payout marked paid. */
export const IN_PAID_PAYOUT = (entry: string) =>
  `EXISTS (SELECT 1 FROM payout_entries l JOIN payouts p ON p.id = l.payout_id WHERE l.cost_entry_id = ${entry}.id AND NOT l.released AND p.status = 'paid')`;

/**
 * From payouts `p`: their live links `l` and entries `e`. payout_entries is indexed by entry only
 * (uq_payout_entries_live, migration PayoutEntriesLean), so they are reached through the payee's ledger: every
 * entry a payout links is a payable entry of one of its influencer's relationships, in its currency, dated on
 * or before its run's period end (the carried remainders included: they are dated on it).
 */
export const LIVE_LINKS = `
  JOIN payout_runs lr ON lr.id = p.run_id
  JOIN relationships lrel ON lrel.influencer_id = p.influencer_id AND lrel.workspace_id = p.workspace_id
  JOIN cost_entries e ON e.workspace_id = p.workspace_id AND e.relationship_id = lrel.id AND e.kind IN (${PAYABLE_KINDS_SQL})
    AND e.currency = p.currency AND e.incurred_on <= lr.period_end
  JOIN payout_entries l ON l.cost_entry_id = e.id AND NOT l.released AND l.payout_id = p.id`;

/** From payouts `p` that failed or were cancelled: their released links `l` (ix_payout_entries_released) and entries `e`. */
export const RELEASED_LINKS = `
  JOIN payout_entries l ON l.payout_id = p.id AND l.released
  JOIN cost_entries e ON e.id = l.cost_entry_id AND e.incurred_on = l.incurred_on`;
