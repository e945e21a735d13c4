import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, currencyMinorUnits, RequestContext } from '@app/common';
import { type ActivityEntry, ActivityService } from '@app/activity';
import { type BrandRef, BrandsService } from '@app/brands';
import { ReadReplica, ScopedRepository } from '@app/database';
import { recordEvent } from '@app/events';
import { type InfluencerRef, InfluencersService, likePattern, normalizeHandle, type Tier } from '@app/influencers';
import { presentMoney, roiOf } from '@app/rollups';
import { Relationship, RelationshipStatus } from './relationship.entity';
import { LIST_SETTINGS, relationshipListSql, sortValueSql } from './relationship-list.sql';
import {
  decodeSortCursor,
  DEFAULT_RELATIONSHIP_SORT,
  encodeSortCursor,
  RelationshipSort,
  sortSpec,
  sortValueCast,
} from './relationship-sort';
import { RelationshipsException } from './relationships.exception';

export interface RelationshipInput {
  brandId: string;
  influencerId: string;
  /** Omitted: the caller (null for an API key). null: nobody. */
  ownerUserId?: string | null;
  notes?: string | null;
}

export interface RelationshipFilter {
  brandId?: string;
  influencerId?: string;
  status?: RelationshipStatus;
  /** Case-insensitive substring of the influencer's name or a handle, or of the brand's name (the console's search). */
  q?: string;
}

/** The brand's current fiscal quarter, as the list shows it beside each relationship (docs/metrics.md's definitions). */
export interface QuarterFigures {
  /** e.g. 2026-Q4, in the brand's fiscal year */
  quarter: string;
  netRevenue: string;
  spend: string;
  roi: number | null;
}

/** A list row: the relationship with who its two ends are, the influencer's tier, the current term's end and the quarter. */
export type RelationshipListItem = Relationship & {
  brand: BrandRef;
  influencer: InfluencerRef;
  tier: Tier;
  /** The current term's last day (its termination date when terminated); null without a term. */
  termEnd: string | null;
  currentQuarter: QuarterFigures;
};

export interface RelationshipPageQuery {
  limit: number;
  cursor?: string;
  sort?: RelationshipSort;
}

export interface RelationshipPage {
  items: RelationshipListItem[];
  nextCursor: string | null;
}

type RelationshipListRow = Relationship & {
  brand: BrandRef;
  influencer: InfluencerRef;
  tier: Tier;
  currency: string;
  termEnd: string | null;
  quarter: string;
  quarterNetRevenue: string;
  quarterSpend: string;
  sortValue: string;
};

function toListItem({
  currency,
  quarter,
  quarterNetRevenue,
  quarterSpend,
  sortValue: _,
  ...row
}: RelationshipListRow): RelationshipListItem {
  const units = currencyMinorUnits(currency);
  return {
    ...row,
    currentQuarter: {
      quarter,
      netRevenue: presentMoney(quarterNetRevenue, units),
      spend: presentMoney(quarterSpend, units),
      roi: roiOf(quarterNetRevenue, quarterSpend),
    },
  };
}

/** What attribution needs of a relationship: its brand's currency and time zone. */
export interface RelationshipBrand {
  relationshipId: string;
  brandId: string;
  currency: string;
  timezone: string;
}

@Injectable()
export class RelationshipsService {
  private readonly relationships: ScopedRepository<Relationship>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly brands: BrandsService,
    private readonly influencers: InfluencersService,
    private readonly activity: ActivityService,
    private readonly replica: ReadReplica,
    private readonly clock: Clock,
  ) {
    this.relationships = new ScopedRepository(dataSource, Relationship, 'Relationship');
  }

  /** A second create for the pair is a 409 carrying the existing id; the unique constraint decides, not a prior read. */
  async create(input: RelationshipInput): Promise<Relationship> {
    // Both ends must be in this workspace: another workspace's id is a 404, like a missing one.
    await Promise.all([this.brands.get(input.brandId), this.influencers.get(input.influencerId)]);
    const ownerUserId = input.ownerUserId !== undefined ? input.ownerUserId : (RequestContext.actor().userId ?? null);
    if (ownerUserId) await this.assertMember(ownerUserId);
    const id = await this.dataSource.transaction(async (manager) => {
      const values = this.relationships.create(
        { brandId: input.brandId, influencerId: input.influencerId, ownerUserId, notes: input.notes ?? null, status: 'prospect' },
        manager,
      );
      const inserted = await this.relationships
        .repo(manager)
        .createQueryBuilder()
        .insert()
        .values(values)
        .orIgnore()
        .returning('id')
        .execute();
      const row = (inserted.raw as { id: string }[])[0];
      if (!row) {
        // ON CONFLICT waited for the conflicting insert to commit, so this statement sees its row.
        const existing = await this.relationships.findOne({ brandId: input.brandId, influencerId: input.influencerId }, undefined, manager);
        throw RelationshipsException.exists(existing!.id);
      }
      await this.activity.record(manager, {
        entityType: 'relationship',
        entityId: row.id,
        relationshipId: row.id,
        action: 'created',
        changes: { brandId: input.brandId, influencerId: input.influencerId, ownerUserId },
      });
      await recordEvent(manager, {
        type: 'relationship.created',
        subjectType: 'relationship',
        subjectId: row.id,
        data: { relationshipId: row.id, brandId: input.brandId, influencerId: input.influencerId },
      });
      return row.id;
    });
    return this.get(id);
  }

  get(id: string, manager?: EntityManager): Promise<Relationship> {
    return this.relationships.get(id, undefined, manager);
  }

  /**
   * Keyset-paged on (the sort's value, id), newest first by default; every row in the same statement with its
   * names, tier, term end and quarter figures. A list tolerates a little lag: on the read replica when there is
   * one (ReadReplica says when).
   */
  list(filter: RelationshipFilter, page: RelationshipPageQuery): Promise<RelationshipPage> {
    return this.replica.read((db) => this.listOn(db.manager, filter, page));
  }

  private async listOn(manager: EntityManager, filter: RelationshipFilter, page: RelationshipPageQuery): Promise<RelationshipPage> {
    const sort = page.sort ?? DEFAULT_RELATIONSHIP_SORT;
    const spec = sortSpec(sort);
    const after = decodeSortCursor(sort, page.cursor);
    const params: unknown[] = [this.relationships.workspaceId(), this.clock.now()];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (after)
      where.push(
        `(${sortValueSql(spec)}, r.id) ${spec.descending ? '<' : '>'} (${param(after.value)}::${sortValueCast(spec.key)}, ${param(after.id)}::uuid)`,
      );
    if (filter.brandId) where.push(`r.brand_id = ${param(filter.brandId)}`);
    if (filter.influencerId) where.push(`r.influencer_id = ${param(filter.influencerId)}`);
    if (filter.status) where.push(`r.status = ${param(filter.status)}`);
    if (filter.q) {
      const q = param(likePattern(filter.q));
      where.push(`(i.name ILIKE ${q} OR b.name ILIKE ${q}
        OR EXISTS (SELECT 1 FROM social_accounts qa WHERE qa.influencer_id = i.id AND qa.handle ILIKE ${param(likePattern(normalizeHandle(filter.q)))}))`);
    }
    const sql = relationshipListSql(where.map((w) => `AND ${w}`).join(' '), spec, param(page.limit + 1));
    const rows = await manager.transaction(async (m) => {
      await m.query(LIST_SETTINGS);
      return (await m.query(sql, params)) as RelationshipListRow[];
    });
    const items = rows.slice(0, page.limit).map(toListItem);
    const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
    return { items, nextCursor: last ? encodeSortCursor(sort, { value: last.sortValue, id: last.id }) : null };
  }

  /** The row lock that serialises every contract lifecycle operation of one relationship. */
  lock(manager: EntityManager, id: string): Promise<Relationship> {
    return this.relationships.getForUpdate(manager, id);
  }

  /** Called by the contracts use cases, which derive the status, in their transaction; a change is logged. */
  async setStatus(manager: EntityManager, relationship: Relationship, status: RelationshipStatus): Promise<void> {
    if (relationship.status === status) return;
    await this.relationships.repo(manager).update(this.relationships.where({ id: relationship.id }), { status });
    await this.activity.record(manager, {
      entityType: 'relationship',
      entityId: relationship.id,
      relationshipId: relationship.id,
      action: 'status_changed',
      changes: { status: { from: relationship.status, to: status } },
    });
    relationship.status = status;
  }

  async listActivity(id: string, limit: number, cursor?: string): Promise<ActivityEntry[]> {
    await this.get(id);
    return this.activity.listForRelationship(id, limit, cursor);
  }

  private async assertMember(userId: string): Promise<void> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM members WHERE workspace_id = $1 AND user_id = $2', [
      this.relationships.workspaceId(),
      userId,
    ]);
    if (rows.length === 0) throw RelationshipsException.ownerNotMember(userId);
  }

  /** One query for a whole batch; ids of other workspaces or unknown ones are simply absent. */
  async brandsOf(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<RelationshipBrand[]> {
    if (ids.length === 0) return [];
    return manager.query(
      `SELECT r.id AS "relationshipId", b.id AS "brandId", b.currency, b.timezone FROM relationships r JOIN brands b ON b.id = r.brand_id
        WHERE r.workspace_id = $1 AND r.id = ANY($2::uuid[])`,
      [this.relationships.workspaceId(), ids],
    );
  }
}
