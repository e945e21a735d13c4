import { EntityManager } from 'typeorm';

export interface DirtyDay {
  relationshipId: string;
  /** YYYY-MM-DD in the brand's time zone. */
  day: string;
}

/**
 * Marks (relationship, day) pairs for the rollup worker, in the caller's transaction so a mark exists exactly
 * when the change that needs it commits. A mark already there is enough: the worker claims marks with
 * DELETE ... RETURNING before it recomputes, so a change after the claim makes a new mark.
 */
export async function markRollupDirty(manager: EntityManager, marks: DirtyDay[]): Promise<void> {
  // Deduplicated and sorted: concurrent batches then take the row locks in one order and never deadlock.
  const unique = [...new Map(marks.map((m) => [`${m.relationshipId}|${m.day}`, m])).entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, m]) => m);
  if (unique.length === 0) return;
  await manager.query(
    `INSERT INTO rollup_dirty_days (relationship_id, day) SELECT * FROM unnest($1::uuid[], $2::date[]) ON CONFLICT (relationship_id, day) DO NOTHING`,
    [unique.map((m) => m.relationshipId), unique.map((m) => m.day)],
  );
}
