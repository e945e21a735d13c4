/**
 * The set-based form of ActivityService.record, for a writer's data-modifying CTE: one entry per row of
 * `select`, which yields (workspace_id, entity_type, entity_id, relationship_id, action, changes). No actor:
 * the system did it (a worker's set-based transition). Values are the caller's; secrets are not redacted.
 */
export const activityEntriesSql = (select: string) =>
  `INSERT INTO activity_log (workspace_id, entity_type, entity_id, relationship_id, action, changes) ${select}`;
