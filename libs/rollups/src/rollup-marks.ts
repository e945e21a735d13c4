import { EntityManager, QueryRunner } from 'typeorm';

/**
 * The one way to say a rollup day is owed (docs/rollups.md), in two forms:
 * - markRollupDirty(manager, marks): a writer that knows its (relationship, day) pairs row by row;
 * - rollupMarksSql(source) inside the writer's own statement plus rollupsMarkedBySql(manager, ids) with the
 *   relationships it returned: set-based SQL (costs accrual, the missed-deliverables transition).
 * Either way the marks are written in the caller's transaction, so a mark exists exactly when the change that
 * needs it commits, and RollupCommitListener enqueues the rollups of the marked relationships once the
 * outermost transaction has committed (one rollups.sweep instead above MAX_JOBS_PER_COMMIT). Marks written
 * outside a transaction wait for the minute's rollups.sweep.
 *
 * Every transaction inserts its own marks, never reuses another's: the worker's claim (DELETE ... RETURNING)
 * removes only the marks its snapshot sees, so a change committed after that snapshot keeps its own mark and
 * is recomputed by the next run.
 */
export interface DirtyDay {
  relationshipId: string;
  /** YYYY-MM-DD in the brand's time zone. */
  day: string;
}

/** Where a transaction keeps what it marked: the relationships for the after-commit trigger, the pairs to mark once. */
const TOUCHED = 'rollupTouchedRelationships';
const MARKED = 'rollupMarkedDays';

/** Marks (relationship, day) pairs in the caller's transaction; a pair this transaction marked already is not inserted again. */
export async function markRollupDirty(manager: EntityManager, marks: DirtyDay[]): Promise<void> {
  const runner = manager.queryRunner?.isTransactionActive ? manager.queryRunner : undefined;
  const marked = (runner ? (runner.data[MARKED] ??= new Set<string>()) : new Set<string>()) as Set<string>;
  const fresh = [...new Map(marks.map((m) => [`${m.relationshipId}|${m.day}`, m])).entries()].filter(([key]) => !marked.has(key));
  if (fresh.length === 0) return;
  await manager.query(`INSERT INTO rollup_dirty_days (relationship_id, day) SELECT * FROM unnest($1::uuid[], $2::date[])`, [
    fresh.map(([, m]) => m.relationshipId),
    fresh.map(([, m]) => m.day),
  ]);
  for (const [key] of fresh) marked.add(key);
  rollupsMarkedBySql(manager, [...new Set(fresh.map(([, m]) => m.relationshipId))]);
}

/**
 * The set-based form, as a statement of a data-modifying CTE: marks the distinct (relationship, day) of the
 * rows of `source` (a CTE or table alias of the writer's statement). Sorted, so concurrent writers lock marks
 * in one order. Tell rollupsMarkedBySql which relationships the statement marked.
 */
export const rollupMarksSql = (source: string, relationshipId = 'relationship_id', day = 'day') =>
  `INSERT INTO rollup_dirty_days (relationship_id, day) SELECT DISTINCT ${relationshipId}, ${day} FROM ${source} ORDER BY 1, 2`;

/** The relationships a statement with rollupMarksSql marked: their rollups are enqueued when the caller's transaction commits. */
export function rollupsMarkedBySql(manager: EntityManager, relationshipIds: Iterable<string>): void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) return;
  const touched = (runner.data[TOUCHED] ??= new Set<string>()) as Set<string>;
  for (const id of relationshipIds) touched.add(id);
}

/** The relationships a finished transaction marked, once: the runner forgets what it marked. */
export function takeTouchedRelationships(runner: QueryRunner): string[] {
  const touched = runner.data?.[TOUCHED] as Set<string> | undefined;
  delete runner.data?.[TOUCHED];
  delete runner.data?.[MARKED];
  return touched ? [...touched] : [];
}

/** After a rollback to a savepoint: its marks are gone, so the same pairs must be marked again if asked. */
export function forgetMarkedDays(runner: QueryRunner): void {
  delete runner.data?.[MARKED];
}
