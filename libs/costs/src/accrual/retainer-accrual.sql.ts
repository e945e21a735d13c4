import { rollupMarksSql } from '@app/rollups';
import { costDataSql, domainEventsSql } from '@app/events';

/**
 * The retainer accrual as one statement per batch of contracts (costs.accrue, docs/costs.md).
 *
 * Parameters: $1 now (timestamptz), $2 the last contract id of the previous window (keyset) or the ids of the
 * contracts to accrue (RETAINER_ACCRUAL_OF), $3 contracts per window, $4 at most this many days per contract in
 * one statement (a catch-up after downtime stays a bounded transaction; the service runs the same batch again),
 * $5/$6/$7 currency codes, 10^minor units and 10^-minor units (from Intl, as the API validates amounts).
 */

/** Days of the calendar month of a `date` expression (28-31); `timestamp` (no zone), so no DST or session zone plays. */
const daysInMonthSql = (day: string) =>
  `((date_trunc('month', (${day})::timestamp) + interval '1 month')::date - date_trunc('month', (${day})::timestamp)::date)`;

/**
 * retainerForDay (cost-rules.ts) in SQL, in minor units: floor(M·d/D) − floor(M·(d−1)/D). div() is the exact
 * integer quotient (truncated, = floor for M ≥ 0): `/` would round to the numeric division's scale.
 */
export const retainerUnitsSql = (monthlyUnits: string, day: string) =>
  `(div((${monthlyUnits}) * extract(day FROM ${day}), ${daysInMonthSql(day)}) - div((${monthlyUnits}) * (extract(day FROM ${day}) - 1), ${daysInMonthSql(day)}))`;

/** Terms that accrue a retainer: they took effect (activated: active, renewed, ended, terminated) and have one. */
export const accruingTermSql = (c: string) =>
  `${c}.status IN ('active', 'renewed', 'ended', 'terminated') AND ${c}.activated_at IS NOT NULL AND ${c}.retainer_monthly > 0`;

/** A term's last day in force: the earlier of its end date and its termination date. */
export const lastDayInForceSql = (c: string) => `least(${c}.end_date, coalesce(${c}.termination_date, ${c}.end_date))`;

/** The last day of a term whose retainer is recorded, else the day before its start (the accrual index answers max() backwards). */
export const accruedThroughSql = (c: string) =>
  `coalesce((SELECT max(e.incurred_on) FROM cost_entries e WHERE e.contract_id = ${c}.id AND e.kind = 'retainer'), ${c}.start_date - 1)`;

/**
 * A window of $3 accruing contracts (`window`: which ids), in id order (the primary key: each statement costs
 * its window, never a scan of the rest), and of those the days owed: from the day after the last accrued one
 * through the earliest of the last day in force and today in the brand's zone.
 */
const retainerAccrual = (window: string) => `
  WITH currencies AS (
    SELECT * FROM unnest($5::text[], $6::numeric[], $7::numeric[]) AS u(code, per_unit, unit)
  ), candidates AS MATERIALIZED (
    SELECT c.id, c.workspace_id, c.relationship_id, c.currency, c.retainer_monthly, c.start_date, c.end_date, c.termination_date
    FROM contracts c
    WHERE ${window} AND ${accruingTermSql('c')}
    ORDER BY c.id
    LIMIT $3
  ), batch AS MATERIALIZED (
    SELECT w.*, w.retainer_monthly * cur.per_unit AS monthly_units, cur.unit, f.from_day,
           least(f.last_day, (CAST($1 AS timestamptz) AT TIME ZONE b.timezone)::date) AS to_day
    FROM candidates w
    CROSS JOIN LATERAL (
      SELECT ${accruedThroughSql('w')} + 1 AS from_day, ${lastDayInForceSql('w')} AS last_day
    ) f
    JOIN relationships r ON r.id = w.relationship_id
    JOIN brands b ON b.id = r.brand_id
    JOIN currencies cur ON cur.code = w.currency
    -- A term accrued to its last day needs no brand's today: past terms cost one index probe each.
    WHERE f.from_day <= f.last_day
  ), days AS (
    SELECT bt.*, bt.from_day + i AS day
    FROM batch bt CROSS JOIN LATERAL generate_series(0, least(bt.to_day - bt.from_day, $4::int - 1)) AS i
    WHERE bt.from_day <= bt.to_day
  ), inserted AS (
    INSERT INTO cost_entries (workspace_id, relationship_id, contract_id, kind, amount, currency, incurred_on)
    SELECT workspace_id, relationship_id, id, 'retainer', ${retainerUnitsSql('monthly_units', 'day')} * unit, currency, day
    FROM days ORDER BY id, day
    ON CONFLICT (contract_id, kind, incurred_on) WHERE kind = 'retainer' DO NOTHING
    RETURNING id, workspace_id, relationship_id, amount, currency, incurred_on
  ), events AS (${domainEventsSql('cost.recorded', 'cost', 'inserted', {
    workspaceId: 'workspace_id',
    subjectId: 'id',
    data: costDataSql('inserted', { kind: `'retainer'` }),
  })}
  ), marked AS (${rollupMarksSql('inserted', 'relationship_id', 'incurred_on')})
  SELECT (SELECT id FROM candidates ORDER BY id DESC LIMIT 1) AS "lastId",
         (SELECT count(*)::int FROM candidates) AS contracts,
         (SELECT count(*)::int FROM batch WHERE to_day - from_day >= $4::int) AS capped,
         (SELECT count(*)::int FROM inserted) AS entries,
         ARRAY(SELECT DISTINCT relationship_id FROM inserted) AS "relationshipIds"`;

/** The hourly run: the window after contract $2. */
export const RETAINER_ACCRUAL_BATCH = retainerAccrual('c.id > $2');

/** Named contracts ($2 ids, $3 at least their number): an activation's days already due, the same statement as the hourly run. */
export const RETAINER_ACCRUAL_OF = retainerAccrual('c.id = ANY($2::uuid[])');
