import { Client } from 'pg';

export type Fingerprint = (workspaceId: string | null) => Promise<Record<string, string>>;

/**
 * A cheap summary of what a workspace holds: per table, the row count and the latest updated_at, plus the
 * global users and workspaces counts (signup). Two equal fingerprints mean no row was inserted, deleted or
 * updated (through the app, which always moves updated_at) in between: what "nothing is written" is checked
 * with. The statement is built once from the catalogue, so a table added later is covered too.
 */
export async function dbFingerprint(client: Client): Promise<Fingerprint> {
  const { rows: tables } = await client.query<{ table_name: string; updated: boolean }>(
    `SELECT c.table_name, bool_or(u.column_name IS NOT NULL) AS updated
       FROM information_schema.columns c
       LEFT JOIN information_schema.columns u ON u.table_schema = c.table_schema AND u.table_name = c.table_name AND u.column_name = 'updated_at'
      JOIN pg_class t ON t.relname = c.table_name AND t.relnamespace = 'public'::regnamespace
      -- A partitioned table counts its partitions' rows: they are not listed on their own.
      WHERE c.table_schema = 'public' AND c.column_name = 'workspace_id' AND NOT t.relispartition
      GROUP BY c.table_name ORDER BY c.table_name`,
  );
  const parts = tables.map(
    ({ table_name: table, updated }) =>
      `'${table}', (SELECT count(*) || '/' || ${updated ? `coalesce(max(updated_at)::text, '')` : `''`} FROM "${table}" WHERE workspace_id = $1)`,
  );
  parts.push(
    `'users', (SELECT count(*)::text FROM users)`,
    `'workspaces', (SELECT count(*) || '/' || coalesce(max(updated_at)::text, '') FROM workspaces)`,
  );
  // A function takes at most 100 arguments: one object per 40 tables, merged.
  const objects = [];
  for (let i = 0; i < parts.length; i += 40) objects.push(`jsonb_build_object(${parts.slice(i, i + 40).join(', ')})`);
  const statement = `SELECT ${objects.join(' || ')} AS f`;
  return async (workspaceId) => (await client.query<{ f: Record<string, string> }>(statement, [workspaceId])).rows[0].f;
}
