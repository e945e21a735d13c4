import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, NotFoundException } from '@app/common';
import { PreparedStatement, ReadReplica, ScopedRepository } from '@app/database';
import { recordEvent } from '@app/events';
import { influencerCreated, influencerUpdated } from '../influencer-events';
import { Influencer } from '../entities/influencer.entity';
import { SocialAccount } from '../entities/social-account.entity';
import { accountKey, InfluencerInput, normalizeHandle, Platform, SocialAccountInput } from '../influencer-input';
import { influencerPageSql, InfluencerRecord, selectInfluencerRecords } from '../influencer.record';
import { InfluencersException } from '../influencers.exception';
import { derivedTier, Tier } from '../tier';
import { SocialAccountsWriter } from './social-accounts.writer';
import { lockTierThresholds } from './tier-thresholds';

export interface InfluencerFilter {
  tier?: Tier;
  platform?: Platform;
  /** All of them must be present. */
  tags?: string[];
  /** Case-insensitive substring of the name, the email or any handle. */
  q?: string;
}

/** LIKE treats % and _ as wildcards: a user's "50%" must match that text, not everything. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** DTO instances carry every declared property, unset ones as undefined; a patch only applies what was sent. */
function sent<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

interface PageRow {
  data: string;
  more: boolean;
  lastCreatedAt: string | null;
  lastId: string | null;
}

/** Past this many shapes of the page's SQL (which filters are given, the limit), pages run as unnamed statements. */
const MAX_PAGE_STATEMENTS = 64;
const pageStatements = new Map<string, PreparedStatement<PageRow>>();

/**
 * The page's statement, named by its SQL text: PostgreSQL parses and plans it once per pooled connection instead of
 * on every request (bench/api-read: ~0.2 ms of the backend's CPU and ~0.3 ms of the API's per page). The text depends
 * on which filters are given and on the limit, never on their values, so there are few; past MAX_PAGE_STATEMENTS none.
 */
function pageStatement(text: string): PreparedStatement<PageRow> | undefined {
  let statement = pageStatements.get(text);
  if (!statement && pageStatements.size < MAX_PAGE_STATEMENTS) {
    statement = new PreparedStatement<PageRow>(`influencer_page_${pageStatements.size}`, text);
    pageStatements.set(text, statement);
  }
  return statement;
}

@Injectable()
export class InfluencersService {
  private readonly influencers: ScopedRepository<Influencer>;
  private readonly accounts: ScopedRepository<SocialAccount>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: SocialAccountsWriter,
    private readonly replica: ReadReplica,
  ) {
    this.influencers = new ScopedRepository(dataSource, Influencer, 'Influencer');
    this.accounts = new ScopedRepository(dataSource, SocialAccount, 'Social account');
  }

  async create(input: InfluencerInput): Promise<InfluencerRecord> {
    const id = await this.dataSource.transaction(async (manager) => {
      const thresholds = await lockTierThresholds(manager, this.influencers.workspaceId());
      const { socialAccounts = [], ...fields } = input;
      const values = { tags: [], ...sent(fields), ...derivedTier(socialAccounts, thresholds) };
      const influencer = await this.influencers.save(this.influencers.create(values, manager), manager);
      await this.replaceAccounts(manager, influencer.id, socialAccounts);
      await recordEvent(manager, influencerCreated(influencer.id));
      return influencer.id;
    });
    return this.get(id);
  }

  async get(id: string): Promise<InfluencerRecord> {
    const record = await selectInfluencerRecords(this.influencers.query('i')).andWhere('i.id = :id', { id }).getRawOne<InfluencerRecord>();
    if (!record) throw new NotFoundException('Influencer', id);
    return record;
  }

  /** Sending `socialAccounts` replaces the whole set; accounts matched by platform + handle keep their id. */
  async update(id: string, input: Partial<InfluencerInput>): Promise<InfluencerRecord> {
    await this.dataSource.transaction(async (manager) => {
      const thresholds = await lockTierThresholds(manager, this.influencers.workspaceId());
      await this.influencers.getForUpdate(manager, id);
      const { socialAccounts, ...fields } = sent(input);
      const tier = socialAccounts ? derivedTier(socialAccounts, thresholds) : {};
      if (socialAccounts) await this.replaceAccounts(manager, id, socialAccounts);
      // updated_at moves even when only accounts changed: clients sync on it.
      await this.influencers.repo(manager).update(this.influencers.where({ id }), { ...fields, ...tier, updatedAt: () => 'now()' });
      await recordEvent(manager, influencerUpdated(id, Object.keys(sent(input))));
    });
    return this.get(id);
  }

  /** A 409 when relationships still reference the influencer (FK RESTRICT); the accounts go with it. */
  remove(id: string): Promise<void> {
    return this.influencers.remove(id);
  }

  /**
   * Keyset page on (created_at DESC, id DESC) as the JSON text of `{ data, nextCursor }` (the shape of toPage),
   * built by PostgreSQL: the API's hottest read sends it without parsing and serialising 50 records again.
   * A list tolerates a little lag: on the read replica when there is one (ReadReplica says when).
   */
  async listJson(filter: InfluencerFilter, limit: number, cursor?: string): Promise<string> {
    const [where, values] = this.listWhere(filter, cursor);
    const text = influencerPageSql(where, limit);
    return this.replica.read(async (db) => {
      const statement = pageStatement(text);
      const [page] = statement ? (await statement.run(db, values)).rows : await db.query<PageRow[]>(text, values);
      const next = page.more && page.lastCreatedAt && page.lastId ? encodeCursor({ createdAt: page.lastCreatedAt, id: page.lastId }) : null;
      return `{"data":${page.data},"nextCursor":${JSON.stringify(next)}}`;
    });
  }

  /**
   * The page's conditions over `influencers i` and their values, written out rather than through the query builder:
   * the hottest read's SQL differs only by which filters are given (bench/api-read: the builder was ~5 % of the API's CPU).
   * The workspace, cursor, tier and platform go in as `(SELECT $n)`, which the planner cannot look into: a plan for
   * their values then costs what the generic plan costs, so after its five first runs on a connection PostgreSQL keeps
   * the generic plan instead of planning every page again (~0.3 ms of a page's ~0.8 ms). No plan depends on them: an
   * index leads with the workspace and the tier. Tags and text stay plain parameters: how many rows they match decides
   * between the tags' index and the ordered scan, so those pages are still planned for their values.
   */
  private listWhere(filter: InfluencerFilter, cursor?: string): [string, unknown[]] {
    const after = decodeCursor(cursor);
    const values: unknown[] = [];
    const param = (value: unknown) => `$${values.push(value)}`;
    const opaque = (value: unknown, type: string) => `(SELECT ${param(value)}::${type})`;
    const where = [`i.workspace_id = ${opaque(this.influencers.workspaceId(), 'uuid')}`];
    if (after) where.push(`(i.created_at, i.id) < (${opaque(after.createdAt, 'timestamptz')}, ${opaque(after.id, 'uuid')})`);
    if (filter.tier) where.push(`i.tier = ${opaque(filter.tier, 'text')}`);
    if (filter.platform)
      where.push(
        `EXISTS (SELECT 1 FROM social_accounts pa WHERE pa.influencer_id = i.id AND pa.platform = ${opaque(filter.platform, 'text')})`,
      );
    if (filter.tags?.length) where.push(`i.tags @> CAST(${param(filter.tags)} AS text[])`);
    if (filter.q) {
      const q = param(likePattern(filter.q));
      const handle = param(likePattern(normalizeHandle(filter.q)));
      where.push(
        `(i.name ILIKE ${q} OR i.email ILIKE ${q} OR EXISTS (SELECT 1 FROM social_accounts qa WHERE qa.influencer_id = i.id AND qa.handle ILIKE ${handle}))`,
      );
    }
    return [where.join(' AND '), values];
  }

  /**
   * The audience a post reached: the followers of its account, or of the influencer's largest account on its
   * platform when none was named (the relationship says whose).
   */
  async followersFor(
    manager: EntityManager,
    post: { socialAccountId: string | null; platform: string; relationshipId: string },
  ): Promise<number | null> {
    const query = this.accounts.query('sa', manager).select('MAX(sa.followers)::float8', 'followers');
    if (post.socialAccountId) query.andWhere('sa.id = :accountId', { accountId: post.socialAccountId });
    else
      query.andWhere(
        'sa.platform = :platform AND sa.influencerId = (SELECT r.influencer_id FROM relationships r WHERE r.id = :relationshipId)',
        { platform: post.platform, relationshipId: post.relationshipId },
      );
    const row = await query.getRawOne<{ followers: number | null }>();
    return row?.followers ?? null;
  }

  private async replaceAccounts(manager: EntityManager, influencerId: string, accounts: SocialAccountInput[]): Promise<void> {
    const refused = await this.writer.replace(
      manager,
      [influencerId],
      accounts.map((account) => ({ ...account, influencerId })),
    );
    if (refused.length === 0) return;
    const index = accounts.findIndex((account) => accountKey(account) === accountKey(refused[0]));
    throw InfluencersException.handleTaken(`socialAccounts[${index}].handle`, refused[0]);
  }
}
