import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ScopedRepository } from '@app/database';
import { SocialAccount } from '../entities/social-account.entity';
import { accountKey, SocialAccountInput } from '../influencer-input';

export interface AccountRow extends SocialAccountInput {
  influencerId: string;
}

const optionalColumns = ['url', 'engagement_rate', 'as_of'];

const recordset = `jsonb_to_recordset($2::jsonb) AS t(influencer_id uuid, platform text, handle text, url text, followers bigint, engagement_rate numeric, as_of date)`;

/**
 * Set-based writes of social accounts, shared by the JSON API and the CSV import. Accounts are matched by
 * platform + handle (case-insensitively, like the unique index), so a matched account keeps its id and the
 * deliverables that reference it.
 */
@Injectable()
export class SocialAccountsWriter {
  private readonly accounts: ScopedRepository<SocialAccount>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.accounts = new ScopedRepository(dataSource, SocialAccount, 'Social account');
  }

  /** Makes `rows` exactly the accounts of these influencers. Returns the rows refused (see upsert). */
  async replace(manager: EntityManager, influencerIds: string[], rows: AccountRow[]): Promise<AccountRow[]> {
    await manager.query(
      `DELETE FROM social_accounts sa WHERE sa.workspace_id = $1 AND sa.influencer_id = ANY($3::uuid[])
         AND NOT EXISTS (SELECT 1 FROM ${recordset} WHERE t.influencer_id = sa.influencer_id AND t.platform = sa.platform AND lower(t.handle) = lower(sa.handle))`,
      [this.accounts.workspaceId(), this.json(rows), influencerIds],
    );
    return this.upsert(manager, rows);
  }

  /**
   * Adds or updates accounts. With `merge`, a missing optional value (url, rate, date) keeps the stored one.
   * Returns the rows whose handle belongs to another influencer: nothing is written for those, and the
   * caller decides whether that fails the whole write. `rows` must not repeat an account.
   */
  async upsert(manager: EntityManager, rows: AccountRow[], merge = false): Promise<AccountRow[]> {
    if (rows.length === 0) return [];
    const optional = optionalColumns.map(
      (column) => `${column} = ${merge ? `coalesce(EXCLUDED.${column}, sa.${column})` : `EXCLUDED.${column}`}`,
    );
    const set = ['handle = EXCLUDED.handle', 'followers = EXCLUDED.followers', ...optional].join(', ');
    const written: { platform: string; handle: string }[] = await manager.query(
      `INSERT INTO social_accounts AS sa (workspace_id, influencer_id, platform, handle, url, followers, engagement_rate, as_of)
       SELECT $1, t.influencer_id, t.platform, t.handle, t.url, t.followers, t.engagement_rate, t.as_of FROM ${recordset}
       ON CONFLICT (workspace_id, platform, lower(handle)) DO UPDATE SET ${set}, updated_at = now()
         WHERE sa.influencer_id = EXCLUDED.influencer_id
       RETURNING sa.platform, sa.handle`,
      [this.accounts.workspaceId(), this.json(rows)],
    );
    const done = new Set(written.map(accountKey));
    return rows.filter((row) => !done.has(accountKey(row)));
  }

  /** Who owns these accounts now: account key → influencer id and lower-cased email. */
  async owners(
    manager: EntityManager,
    accounts: { platform: string; handle: string }[],
  ): Promise<Map<string, { influencerId: string; email: string | null }>> {
    if (accounts.length === 0) return new Map();
    const rows: { platform: string; handle: string; influencer_id: string; email: string | null }[] = await manager.query(
      `SELECT sa.platform, sa.handle, sa.influencer_id, lower(i.email) AS email
         FROM social_accounts sa JOIN influencers i ON i.id = sa.influencer_id
        WHERE sa.workspace_id = $1 AND (sa.platform, lower(sa.handle)) IN (SELECT k.platform, lower(k.handle) FROM jsonb_to_recordset($2::jsonb) AS k(platform text, handle text))`,
      [this.accounts.workspaceId(), JSON.stringify(accounts.map(({ platform, handle }) => ({ platform, handle })))],
    );
    return new Map(rows.map((row) => [accountKey(row), { influencerId: row.influencer_id, email: row.email }]));
  }

  private json(rows: AccountRow[]): string {
    return JSON.stringify(
      rows.map((row) => ({
        influencer_id: row.influencerId,
        platform: row.platform,
        handle: row.handle,
        url: row.url ?? null,
        followers: row.followers,
        engagement_rate: row.engagementRate ?? null,
        as_of: row.asOf ?? null,
      })),
    );
  }
}
