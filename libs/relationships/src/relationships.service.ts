import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, RequestContext } from '@app/common';
import { type ActivityEntry, ActivityService } from '@app/activity';
import { type BrandRef, brandRefSql, BrandsService } from '@app/brands';
import { ReadReplica, ScopedRepository } from '@app/database';
import { recordEvent } from '@app/events';
import { type InfluencerRef, influencerRefSql, InfluencersService, likePattern, normalizeHandle } from '@app/influencers';
import { Relationship, RelationshipStatus } from './relationship.entity';
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

/** A list row: the relationship with who its two ends are. */
export type RelationshipListItem = Relationship & { brand: BrandRef; influencer: InfluencerRef };

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

  /** Newest first, keyset-paged on (created_at, id); the names come in the same statement (subqueries, not joins). */
  /** A list tolerates a little lag: on the read replica when there is one (ReadReplica says when). */
  list(filter: RelationshipFilter, limit: number, cursor?: string): Promise<RelationshipListItem[]> {
    return this.replica.read((db) => this.listOn(db.manager, filter, limit, cursor));
  }

  private async listOn(
    manager: EntityManager,
    filter: RelationshipFilter,
    limit: number,
    cursor?: string,
  ): Promise<RelationshipListItem[]> {
    const after = decodeCursor(cursor);
    const query = this.relationships
      .query('r', manager)
      .addSelect(brandRefSql('r.brand_id'), 'brand')
      .addSelect(influencerRefSql('r.influencer_id'), 'influencer')
      .orderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .take(limit + 1);
    if (after) query.andWhere('(r.createdAt, r.id) < (:createdAt, :id)', after);
    if (filter.brandId) query.andWhere('r.brandId = :brandId', { brandId: filter.brandId });
    if (filter.influencerId) query.andWhere('r.influencerId = :influencerId', { influencerId: filter.influencerId });
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    if (filter.q)
      query.andWhere(
        `(EXISTS (SELECT 1 FROM influencers qi WHERE qi.id = r.influencer_id AND (qi.name ILIKE :q
            OR EXISTS (SELECT 1 FROM social_accounts qa WHERE qa.influencer_id = qi.id AND qa.handle ILIKE :handle)))
          OR EXISTS (SELECT 1 FROM brands qb WHERE qb.id = r.brand_id AND qb.name ILIKE :q))`,
        { q: likePattern(filter.q), handle: likePattern(normalizeHandle(filter.q)) },
      );
    const { entities, raw } = await query.getRawAndEntities<{ r_id: string; brand: BrandRef; influencer: InfluencerRef }>();
    const refs = new Map(raw.map((row) => [row.r_id, row]));
    return entities.map((relationship) => {
      const { brand, influencer } = refs.get(relationship.id)!;
      return Object.assign(relationship, { brand, influencer });
    });
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
