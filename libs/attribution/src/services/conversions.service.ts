import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { calendarDateIn, decodeCursor, KeysetCursor, NotFoundException } from '@app/common';
import { ScopedRepository } from '@app/database';
import { RelationshipsService } from '@app/relationships';
import { markRollupDirty } from '@app/rollups';
import { Conversion, ConversionSource, ConversionStatus } from '../entities/conversion.entity';

export interface ConversionFilter {
  relationshipId?: string;
  status?: ConversionStatus;
  /** occurred_at >= from */
  from?: string;
  /** occurred_at < to */
  to?: string;
}

const EXPORT_CHUNK = 1_000;

/** Reads of the ledger, and the pieces its changes share; writes go through IngestConversions, ReverseConversion and VoidConversion. */
@Injectable()
export class ConversionsService {
  readonly conversions: ScopedRepository<Conversion>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relationships: RelationshipsService,
  ) {
    this.conversions = new ScopedRepository(dataSource, Conversion, 'Conversion');
  }

  /**
   * Runs `change` on the conversion locked FOR UPDATE, in the caller's transaction (`manager`) or its own: the
   * row lock serialises every change of one conversion (refunds, void, approval's SKIP LOCKED). 404 when unknown
   * or another workspace's.
   */
  change<T>(
    id: string,
    manager: EntityManager | undefined,
    change: (manager: EntityManager, conversion: Conversion) => Promise<T>,
  ): Promise<T> {
    const run = async (m: EntityManager) => change(m, await this.byId(id, m, true));
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /** The brand's time zone of an attributed conversion; null when unattributed (no brand, no days). */
  async timezoneOf(manager: EntityManager, conversion: Conversion): Promise<string | null> {
    if (!conversion.relationshipId) return null;
    const [brand] = await this.relationships.brandsOf([conversion.relationshipId], manager);
    return brand?.timezone ?? null;
  }

  /** Marks the brand-local days of these instants of the conversion for the rollups. */
  async markDays(manager: EntityManager, conversion: Conversion, instants: Date[]): Promise<void> {
    const timezone = await this.timezoneOf(manager, conversion);
    if (!timezone) return;
    const relationshipId = conversion.relationshipId!;
    await markRollupDirty(
      manager,
      instants.map((at) => ({ relationshipId, day: calendarDateIn(at, timezone) })),
    );
  }

  get(id: string, manager?: EntityManager): Promise<Conversion> {
    return this.byId(id, manager, false);
  }

  /**
   * By id alone, a read of the month-partitioned ledger would probe every month's index (3.8x an unpartitioned read
   * at 29 months, bench/ledger-partitions). The key's claim (conversion_keys, unique on conversion_id) holds the date,
   * so the row is read with it and the planner opens one partition.
   */
  private async byId(id: string, manager: EntityManager | undefined, forUpdate: boolean): Promise<Conversion> {
    const row = await this.claimed('conversion_id = $2', [id], manager, forUpdate);
    if (!row) throw new NotFoundException('Conversion', id);
    return row;
  }

  /** Through the key's claim (conversion_keys), which gives the month: one partition read, not one per month. */
  findByExternalId(source: ConversionSource, externalId: string, manager?: EntityManager): Promise<Conversion | null> {
    return this.claimed('source = $2 AND external_id = $3', [source, externalId], manager, false);
  }

  /**
   * The conversion of the claim `where` finds, read in its month. The date goes back as PostgreSQL's own text, not a
   * Date, which would drop microseconds and miss the row.
   */
  private async claimed(
    where: string,
    params: string[],
    manager: EntityManager | undefined,
    forUpdate: boolean,
  ): Promise<Conversion | null> {
    const [claim] = (await this.conversions
      .repo(manager)
      .query(`SELECT conversion_id AS id, occurred_at::text AS at FROM conversion_keys WHERE workspace_id = $1 AND ${where}`, [
        this.conversions.workspaceId(),
        ...params,
      ])) as { id: string; at: string }[];
    if (!claim) return null;
    const query = this.conversions.query('c', manager).andWhere('c.id = :id AND c.occurredAt = :at', claim);
    return (forUpdate ? query.setLock('pessimistic_write') : query).getOne();
  }

  /** Newest first on (occurred_at, id), limit + 1 rows; the cursor's first key carries occurred_at. */
  list(filter: ConversionFilter, limit: number, cursor?: string): Promise<Conversion[]> {
    return this.page(filter, limit + 1, decodeCursor(cursor)).getMany();
  }

  /**
   * Every matching row, one keyset page of 1,000 at a time: memory stays constant whatever the export size,
   * and the consumer (a Readable) pulls the next page only when the client has taken the previous one.
   */
  async *exportAll(filter: ConversionFilter): AsyncGenerator<Conversion[]> {
    let after: KeysetCursor | undefined;
    for (;;) {
      const rows = await this.page(filter, EXPORT_CHUNK, after).getMany();
      if (rows.length) yield rows;
      if (rows.length < EXPORT_CHUNK) return;
      const last = rows[rows.length - 1];
      after = { createdAt: last.occurredAt.toISOString(), id: last.id };
    }
  }

  private page(filter: ConversionFilter, take: number, after?: KeysetCursor): SelectQueryBuilder<Conversion> {
    const query = this.conversions.query('c').orderBy('c.occurredAt', 'DESC').addOrderBy('c.id', 'DESC').limit(take);
    if (after) query.andWhere('(c.occurredAt, c.id) < (:occurredAt, :id)', { occurredAt: after.createdAt, id: after.id });
    if (filter.relationshipId) query.andWhere('c.relationshipId = :relationshipId', { relationshipId: filter.relationshipId });
    if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
    if (filter.from) query.andWhere('c.occurredAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('c.occurredAt < :to', { to: filter.to });
    return query;
  }
}
