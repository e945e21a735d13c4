/**
 * The statements of the rollups (docs/rollups.md), around the one aggregate of stat-sources.sql.ts: the
 * incremental recompute of marked days, the sweep's batches and the nightly reconcile.
 */
import { freshStats, STAT_COLUMNS } from './stat-sources.sql';

const list = (alias: string) => STAT_COLUMNS.map((c) => `${alias}.${c}`).join(', ');
const UPSERT_INTO = `INSERT INTO relationship_daily_stats AS s (workspace_id, relationship_id, day, ${STAT_COLUMNS.join(', ')}, updated_at)`;
const ON_CONFLICT = `ON CONFLICT (relationship_id, day) DO UPDATE SET ${STAT_COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}, updated_at = EXCLUDED.updated_at`;

/** Advisory lock classes: a relationship's rollup (objid = hashtext of its id), and all rollups (objid 0). */
const RELATIONSHIP_LOCK = 1383033964;
const ALL_LOCK = 1383033965;

/**
 * Before an incremental recompute: all-rollups shared (a reconcile waits for running recomputes, and they
 * for it), then each relationship exclusively, in one sorted order so two batches never deadlock. JIT off
 * for the transaction: the plan's cost passes jit_above_cost, and compiling took 160 ms of a 200 ms statement.
 * The generic plan of RECOMPUTE_MARKED (prepared per connection): every ledger is read per target through a
 * LATERAL index probe and partitions are pruned at execution, so the ids' values would not change the plan.
 */
const RECOMPUTE_SETTINGS = `set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_generic_plan', true)`;

export const LOCK_RELATIONSHIPS = `SELECT ${RECOMPUTE_SETTINGS},
  pg_advisory_xact_lock_shared(${ALL_LOCK}, 0),
  (SELECT count(pg_advisory_xact_lock(${RELATIONSHIP_LOCK}, k)) FROM (SELECT DISTINCT hashtext(id::text) AS k FROM unnest($1::uuid[]) AS id ORDER BY 1) keys)`;

/**
 * Before RECOMPUTE_MARKED with no relationship (the warm-up): the recompute's settings and no lock, since it claims
 * and writes nothing; a lock_timeout, since the generic plan locks every ledger partition, which partition
 * maintenance may hold.
 */
export const WARM_UP_SETTINGS = `SELECT ${RECOMPUTE_SETTINGS}, set_config('lock_timeout', '5s', true)`;

export const LOCK_ALL = `SELECT pg_advisory_xact_lock(${ALL_LOCK}, 0)`;

/**
 * One statement, run after LOCK_RELATIONSHIPS so its snapshot starts after any earlier recompute of these
 * relationships committed: claims their marks ($1 = relationship ids), recomputes the marked days from the
 * ledgers, upserts what changed and deletes rows of days nothing counts on any more.
 */
export const RECOMPUTE_MARKED = `
  WITH claimed AS (
    DELETE FROM rollup_dirty_days WHERE relationship_id = ANY($1::uuid[]) RETURNING relationship_id, day
  ), targets AS (
    SELECT DISTINCT c.relationship_id, c.day, r.workspace_id, b.timezone,
      c.day::timestamp AT TIME ZONE b.timezone AS day_start, (c.day + 1)::timestamp AT TIME ZONE b.timezone AS day_end
    FROM claimed c JOIN relationships r ON r.id = c.relationship_id JOIN brands b ON b.id = r.brand_id
  ), fresh AS (${freshStats('targets')}
  ), upserted AS (
    ${UPSERT_INTO}
    SELECT t.workspace_id, f.relationship_id, f.day, ${list('f')}, now() FROM fresh f JOIN targets t ON t.relationship_id = f.relationship_id AND t.day = f.day
    ${ON_CONFLICT} WHERE (${list('s')}) IS DISTINCT FROM (${list('EXCLUDED')})
    RETURNING 1
  ), emptied AS (
    DELETE FROM relationship_daily_stats s USING targets t
    WHERE s.relationship_id = t.relationship_id AND s.day = t.day AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.relationship_id = t.relationship_id AND f.day = t.day)
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM targets)::integer AS days, (SELECT count(*) FROM upserted)::integer AS written, (SELECT count(*) FROM emptied)::integer AS deleted`;

/** Relationships with marks after $1, in id order, $2 at most: one batch of the sweep. */
export const MARKED_RELATIONSHIPS = `SELECT DISTINCT relationship_id AS id FROM rollup_dirty_days WHERE relationship_id > $1 ORDER BY 1 LIMIT $2`;

/** Hash joins and aggregates of a full recompute stay in memory (the reconcile's transaction only). */
export const FULL_RECOMPUTE_WORK_MEM = '256MB';

/**
 * The nightly check, after LOCK_ALL: recomputes every (relationship, day), compares with the table and
 * writes only the rows that differ. Days with a pending mark are skipped: their recompute is on its way
 * and they are not an error. Answers the counts and up to 10 differing rows (fresh and stored values).
 */
export const RECONCILE = `
  WITH fresh AS (${freshStats('all')}
  ), diff AS (
    SELECT coalesce(f.relationship_id, s.relationship_id) AS relationship_id, coalesce(f.day, s.day) AS day,
      f.relationship_id IS NULL AS gone, s.relationship_id IS NULL AS missing, ${list('f')}
    FROM fresh f FULL JOIN relationship_daily_stats s ON s.relationship_id = f.relationship_id AND s.day = f.day
    WHERE (${list('f')}) IS DISTINCT FROM (${list('s')})
      AND NOT EXISTS (SELECT 1 FROM rollup_dirty_days m WHERE m.relationship_id = coalesce(f.relationship_id, s.relationship_id) AND m.day = coalesce(f.day, s.day))
  ), upserted AS (
    ${UPSERT_INTO}
    SELECT r.workspace_id, d.relationship_id, d.day, ${list('d')}, now() FROM diff d JOIN relationships r ON r.id = d.relationship_id WHERE NOT d.gone
    ${ON_CONFLICT}
    RETURNING 1
  ), deleted AS (
    DELETE FROM relationship_daily_stats s USING diff d WHERE d.gone AND s.relationship_id = d.relationship_id AND s.day = d.day RETURNING 1
  )
  SELECT (SELECT count(*) FROM diff WHERE missing)::integer AS inserted,
    (SELECT count(*) FROM upserted)::integer - (SELECT count(*) FROM diff WHERE missing)::integer AS updated,
    (SELECT count(*) FROM deleted)::integer AS deleted,
    (SELECT coalesce(jsonb_agg(sample), '[]') FROM (
      SELECT d.relationship_id AS "relationshipId", d.day::text AS day,
        CASE WHEN d.gone THEN NULL ELSE jsonb_build_object(${STAT_COLUMNS.map((c) => `'${c}', d.${c}`).join(', ')}) END AS fresh,
        CASE WHEN d.missing THEN NULL ELSE jsonb_build_object(${STAT_COLUMNS.map((c) => `'${c}', s.${c}`).join(', ')}) END AS stored
      FROM diff d LEFT JOIN relationship_daily_stats s ON s.relationship_id = d.relationship_id AND s.day = d.day
      ORDER BY d.relationship_id, d.day LIMIT 10) sample) AS sample`;
