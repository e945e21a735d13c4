import { EntityManager, QueryRunner } from 'typeorm';

export interface DirtyDay {
  relationshipId: string;
  /** YYYY-MM-DD in the brand's time zone. */
  day: string;
}

/** Where a transaction keeps what it marked: the relationships for the after-commit trigger (libs/rollups), the pairs to mark once. */
const TOUCHED = 'rollupTouchedRelationships';
const MARKED = 'rollupMarkedDays';

/**
 * Marks (relationship, day) pairs for the rollup worker, in the caller's transaction so a mark exists exactly
 * when the change that needs it commits. Every transaction inserts its own marks, never reuses another's: the
 * worker's claim (DELETE ... RETURNING) removes only the marks its snapshot sees, so a change committed after
 * that snapshot keeps its own mark and is recomputed by the next run (docs/rollups.md).
 *
 * The relationships are also remembered on the transaction's query runner; RollupCommitListener enqueues
 * their rollup once the outermost transaction commits. Marks written without a transaction (or by SQL
 * elsewhere) wait for rollups.sweep.
 */
export async function markRollupDirty(manager: EntityManager, marks: DirtyDay[]): Promise<void> {
  const runner = manager.queryRunner?.isTransactionActive ? manager.queryRunner : undefined;
  const marked = (runner ? (runner.data[MARKED] ??= new Set<string>()) : new Set<string>()) as Set<string>;
  const fresh = [...new Map(marks.map((m) => [`${m.relationshipId}|${m.day}`, m])).entries()].filter(([key]) => !marked.has(key));
  if (fresh.length === 0) return;
  await manager.query(`INSERT INTO rollup_dirty_days (relationship_id, day) SELECT * FROM unnest($1::uuid[], $2::date[])`, [
    fresh.map(([, m]) => m.relationshipId),
    fresh.map(([, m]) => m.day),
  ]);
  if (!runner) return;
  const touched = (runner.data[TOUCHED] ??= new Set<string>()) as Set<string>;
  for (const [key, mark] of fresh) {
    marked.add(key);
    touched.add(mark.relationshipId);
  }
}

/**
 * For set-based SQL that inserts its marks itself (costs accrual): its relationships' rollups are asked for
 * when the caller's transaction commits, as markRollupDirty's are. False outside a transaction: the caller
 * asks for them now.
 */
export function touchOnCommit(manager: EntityManager, relationshipIds: string[]): boolean {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) return false;
  const touched = (runner.data[TOUCHED] ??= new Set<string>()) as Set<string>;
  for (const id of relationshipIds) touched.add(id);
  return true;
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
