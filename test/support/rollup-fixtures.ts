import { DataSource } from 'typeorm';
import { STAT_COLUMNS } from '@app/rollups';
import { waitFor } from './test-worker';

/** The relationship's relationship_daily_stats rows by day, values as PostgreSQL prints them, zero columns left out. */
export async function statRows(db: DataSource, relationshipId: string): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = await db.query(
    `SELECT day::text, ${STAT_COLUMNS.map((c) => `${c}::text`).join(', ')} FROM relationship_daily_stats WHERE relationship_id = $1 ORDER BY day`,
    [relationshipId],
  );
  return rows.map((row) => Object.fromEntries(Object.entries(row).filter(([, value]) => !/^-?0(\.0+)?$/.test(value))));
}

/** Waits until the rollup jobs have claimed every mark (a claim commits with the rows it recomputed). */
export async function rollupsSettled(db: DataSource, timeoutMs = 15_000): Promise<void> {
  await waitFor(async () => (await db.query('SELECT 1 FROM rollup_dirty_days LIMIT 1')).length === 0, timeoutMs);
}
