import { rollupMarksSql } from '@app/rollups';
import { conversionDataSql, costDataSql, domainEventsSql } from '@app/events';

/**
 * Approval of conversions and their commission entries (costs.accrue, docs/costs.md). Attribution's tables
 * are read and conversions' status written here by SQL, so the attribution code stays as it is.
 */

/**
 * commissionOf (libs/attribution conversion-pricing.ts) in SQL: net × rate% kept at 4 decimals, half-even.
 * In 10^-4 units the commission is net × rate × 100, an exact numeric product (no division to round).
 */
export const commissionSql = (net: string, rate: string) =>
  `(SELECT (f + CASE WHEN u - f > 0.5 OR (u - f = 0.5 AND mod(f, 2) <> 0) THEN 1 ELSE 0 END) * 0.0001
    FROM (SELECT u, floor(u) AS f FROM (SELECT (${net}) * (${rate}) * 100 AS u) units) split)`;

/** $1 now, $2 batch size. The lock period counts 24-hour days from occurred_at; locked rows (a refund in flight) wait for the next run. */
export const DUE_CONVERSIONS = `
  SELECT c.id FROM conversions c JOIN workspaces w ON w.id = c.workspace_id
  WHERE c.status = 'pending' AND c.occurred_at <= $1 AND c.occurred_at <= CAST($1 AS timestamptz) - w.conversion_lock_days * interval '24 hours'
  ORDER BY c.occurred_at, c.id
  LIMIT $2
  FOR UPDATE OF c SKIP LOCKED`;

/**
 * The rows of `owed` (id: the source, amount, day...) as commission entries, once per source (a source already
 * claimed in cost_entry_sources skips its row, as ON CONFLICT DO NOTHING did); each inserted
 * entry's (relationship, day) marked dirty in the same statement; then the summary the service reads.
 */
const recordOwed = (summary: string, event: 'commission.created' | 'commission.reversed') => `
  , inserted AS (
    INSERT INTO cost_entries (workspace_id, relationship_id, contract_id, kind, amount, currency, incurred_on, source_id)
    SELECT workspace_id, relationship_id, contract_id, 'commission', amount, currency, day, id FROM owed WHERE amount <> 0 ORDER BY id
    RETURNING id, workspace_id, relationship_id, amount, currency, source_id, incurred_on
  ), commission_events AS (${domainEventsSql(event, 'cost', 'inserted i JOIN owed o ON o.id = i.source_id', {
    workspaceId: 'i.workspace_id',
    subjectId: 'i.id',
    data: costDataSql('i', { conversionId: 'o.conversion_id' }),
  })}
  ), marked AS (${rollupMarksSql('inserted', 'relationship_id', 'incurred_on')})
  SELECT ${summary}, (SELECT count(*)::int FROM inserted) AS entries, ARRAY(SELECT DISTINCT relationship_id FROM inserted) AS "relationshipIds"`;

/**
 * $1 now, $2 the ids DUE_CONVERSIONS locked (in this transaction, so every refund committed before the lock
 * is visible to this statement's snapshot). Commission on what is left after the reversals strictly before
 * now, dated the approval day in the brand's zone; reversals at or after now are REVERSAL_ENTRIES' business.
 * The instant itself is the reversal's side because a refund recorded just after the approval can carry the
 * approval's very timestamp (same clock reading): the approval cannot have seen it, so it must get an entry.
 */
export const APPROVE_CONVERSIONS = `
  WITH approved AS (
    UPDATE conversions c SET status = 'approved', approved_at = $1, updated_at = now()
    FROM unnest($2::uuid[]) AS due(id)
    WHERE c.id = due.id AND c.status = 'pending'
    RETURNING c.id, c.workspace_id, c.relationship_id, c.contract_id, c.currency, c.net_amount, c.commission_rate, c.status
  ), approved_events AS (${domainEventsSql('conversion.approved', 'conversion', 'approved', {
    workspaceId: 'workspace_id',
    subjectId: 'id',
    data: conversionDataSql('approved'),
  })}
  ), owed AS (
    SELECT a.*, a.id AS conversion_id, (CAST($1 AS timestamptz) AT TIME ZONE b.timezone)::date AS day,
           ${commissionSql('a.net_amount - coalesce(v.reversed, 0)', 'a.commission_rate')} AS amount
    FROM approved a
    JOIN relationships r ON r.id = a.relationship_id
    JOIN brands b ON b.id = r.brand_id
    LEFT JOIN LATERAL (SELECT sum(v.amount) AS reversed FROM conversion_reversals v WHERE v.conversion_id = a.id AND v.occurred_at < $1) v ON true
    WHERE a.commission_rate > 0
  )${recordOwed('(SELECT count(*)::int FROM approved) AS approved', 'commission.created')}`;

/**
 * Reversals at or after their conversion's approval instant, with no entry yet: $1 the last reversal id of the
 * previous batch (keyset), $2 batch size. Each is a negative commission entry on the reversal's day in the
 * brand's zone, sourced by the reversal: commission(net − reversed through it) − commission(net − reversed
 * before it), reversals in (occurred_at, id) order. The approval's entry is commission(net − reversed up to
 * approval), so a conversion's entries always add up to commission(net − everything reversed), exactly.
 */
export const REVERSAL_ENTRIES = `
  WITH todo AS (
    SELECT v.id, v.conversion_id FROM conversion_reversals v JOIN conversions c ON c.id = v.conversion_id
    WHERE v.id > $1 AND c.approved_at IS NOT NULL AND v.occurred_at >= c.approved_at AND c.commission_rate > 0 AND c.relationship_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM cost_entries e WHERE e.kind = 'commission' AND e.source_id = v.id)
    ORDER BY v.id
    LIMIT $2
  ), running AS (
    SELECT v.id, v.occurred_at, v.amount, sum(v.amount) OVER (PARTITION BY v.conversion_id ORDER BY v.occurred_at, v.id) AS through
    FROM conversion_reversals v WHERE v.conversion_id IN (SELECT conversion_id FROM todo)
  ), owed AS (
    SELECT t.id, t.conversion_id, c.workspace_id, c.relationship_id, c.contract_id, c.currency, (run.occurred_at AT TIME ZONE b.timezone)::date AS day,
           ${commissionSql('c.net_amount - run.through', 'c.commission_rate')} - ${commissionSql('c.net_amount - (run.through - run.amount)', 'c.commission_rate')} AS amount
    FROM todo t
    JOIN running run ON run.id = t.id
    JOIN conversions c ON c.id = t.conversion_id
    JOIN relationships r ON r.id = c.relationship_id
    JOIN brands b ON b.id = r.brand_id
  )${recordOwed('(SELECT id FROM todo ORDER BY id DESC LIMIT 1) AS "lastId", (SELECT count(*)::int FROM todo) AS reversals', 'commission.reversed')}`;
