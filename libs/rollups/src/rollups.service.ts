import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PreparedStatement } from '@app/database';
import {
  FULL_RECOMPUTE_WORK_MEM,
  LOCK_ALL,
  LOCK_RELATIONSHIPS,
  MARKED_RELATIONSHIPS,
  RECOMPUTE_MARKED,
  RECONCILE,
  WARM_UP_SETTINGS,
} from './rollup.sql';
import { STAT_COLUMNS } from './stat-sources.sql';

export interface RecomputeResult {
  /** Marked (relationship, day) pairs recomputed. */
  days: number;
  /** Rows inserted or changed. */
  written: number;
  /** Rows of days nothing counts on any more. */
  deleted: number;
}

export interface SweepResult extends RecomputeResult {
  relationships: number;
}

export interface DifferingRow {
  relationshipId: string;
  day: string;
  /** Only the columns that differ; null when the table had no row (stored) or should have none (fresh). */
  fresh: Record<string, unknown> | null;
  stored: Record<string, unknown> | null;
}

export interface ReconcileResult {
  /** Rows that differed from a full recompute, all fixed: 0 unless some write path forgot its marks. */
  differed: number;
  inserted: number;
  updated: number;
  deleted: number;
  sample: DifferingRow[];
  ms: number;
}

/** Relationships per sweep transaction: bounds the advisory locks one transaction holds (1,000 of the 6,400 slots of a default server). */
export const SWEEP_BATCH = 1_000;

/** Sweep batches recomputing at once (bench/rollup: 10,000 relationship-days in ~0.6 s with two, ~0.95 s with one). */
export const SWEEP_LANES = 2;

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Parsed and planned once per connection (LOCK_RELATIONSHIPS asks for the generic plan): the statement is
 * ~10 KB over three partitioned ledgers, and parsing and planning it cost 50–160 ms per sweep batch (the
 * most on a connection's first batch, whose catalog caches are cold), a third of a batch.
 */
const RECOMPUTE = new PreparedStatement<RecomputeResult>('rollups_recompute_marked', RECOMPUTE_MARKED);

/** relationship_daily_stats from the ledgers (rollup.sql.ts holds the SQL, docs/rollups.md the rules). */
@Injectable()
export class RollupsService {
  private readonly logger = new Logger('Rollups');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Recomputes the marked days of these relationships; a relationship without marks costs one index probe. */
  recompute(relationshipIds: string[]): Promise<RecomputeResult> {
    const ids = [...new Set(relationshipIds)];
    if (ids.length === 0) return Promise.resolve({ days: 0, written: 0, deleted: 0 });
    return this.recomputeAfter((manager) => manager.query(LOCK_RELATIONSHIPS, [ids]), ids);
  }

  /**
   * Opens `lanes` pooled connections at once and runs RECOMPUTE on each with no relationship, so that the next
   * sweep's lanes find it prepared and the catalog caches of the ledgers' partitions loaded: a new connection's
   * first batch spent 65–70 ms planning and read ~500 catalog blocks (bench/README.md, rollup). The worker runs
   * it at start and after the reconcile, which outlasts the pool's idle timeout. Best effort: a failure is logged.
   */
  async warmUp(lanes = SWEEP_LANES): Promise<void> {
    const started = performance.now();
    try {
      await Promise.all(Array.from({ length: lanes }, () => this.recomputeAfter((manager) => manager.query(WARM_UP_SETTINGS), [])));
      this.logger.log(`rollups: ${lanes} connection(s) warmed up in ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      this.logger.warn(`rollups: warm-up skipped (${(error as Error).message})`);
    }
  }

  private recomputeAfter(first: (manager: EntityManager) => Promise<unknown>, ids: string[]): Promise<RecomputeResult> {
    return this.dataSource.transaction(async (manager) => {
      await first(manager);
      return (await RECOMPUTE.runIn(manager, [ids])).rows[0];
    });
  }

  /**
   * Every mark, SWEEP_BATCH relationships per transaction, in one pass by relationship id (marks added
   * behind the pass wait for their own job or the next sweep): picks up work whose job was never enqueued.
   * Batches are read one after another in id order and up to `lanes` recompute at once, each on its own
   * connection: their relationships are disjoint and each locks its own in sorted order.
   */
  async sweep(batch = SWEEP_BATCH, lanes = SWEEP_LANES): Promise<SweepResult> {
    const total: SweepResult = { relationships: 0, days: 0, written: 0, deleted: 0 };
    // Each read starts after the previous read's last id, chained, so two lanes never read the same batch.
    let previous: Promise<string[]> = Promise.resolve([NIL_UUID]);
    const take = (): Promise<string[]> =>
      (previous = previous.then(async (ids) =>
        ids.length
          ? (await this.dataSource.query<{ id: string }[]>(MARKED_RELATIONSHIPS, [ids[ids.length - 1], batch])).map((row) => row.id)
          : [],
      ));
    const lane = async () => {
      for (let ids = await take(); ids.length > 0; ids = await take()) {
        const done = await this.recompute(ids);
        total.relationships += ids.length;
        total.days += done.days;
        total.written += done.written;
        total.deleted += done.deleted;
      }
    };
    // Every lane ends (its transaction committed or rolled back) before a failure is reported.
    const failed = (await Promise.allSettled(Array.from({ length: lanes }, lane))).find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    return total;
  }

  /** Recomputes everything and fixes what differs; a difference means a write path without marks, so it is logged as a warning. */
  async reconcile(): Promise<ReconcileResult> {
    const started = performance.now();
    const row = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL work_mem = '${FULL_RECOMPUTE_WORK_MEM}'`);
      await manager.query(LOCK_ALL);
      const [counts]: Omit<ReconcileResult, 'differed' | 'ms'>[] = await manager.query(RECONCILE);
      return counts;
    });
    const result: ReconcileResult = {
      ...row,
      differed: row.inserted + row.updated + row.deleted,
      sample: row.sample.map(onlyDifferences),
      ms: Math.round(performance.now() - started),
    };
    if (result.differed > 0) {
      this.logger.warn(
        `rollups.reconcile: ${result.differed} row(s) differed from the ledgers and were fixed (${result.inserted} missing, ${result.updated} wrong, ${result.deleted} stale) in ${result.ms} ms; sample: ${JSON.stringify(result.sample)}`,
      );
    } else this.logger.log(`rollups.reconcile: every row matches the ledgers (${result.ms} ms)`);
    return result;
  }
}

/** The columns that differ; for a missing or stale row, its non-zero columns. */
function onlyDifferences(row: DifferingRow): DifferingRow {
  const { fresh, stored } = row;
  const columns = STAT_COLUMNS.filter((c) =>
    fresh && stored ? JSON.stringify(fresh[c]) !== JSON.stringify(stored[c]) : Number((fresh ?? stored)![c]) !== 0,
  );
  const pick = (values: Record<string, unknown> | null) => values && Object.fromEntries(columns.map((c) => [c, values[c]]));
  return { ...row, fresh: pick(fresh), stored: pick(stored) };
}
