import { SelectQueryBuilder } from 'typeorm';
import { Influencer } from './entities/influencer.entity';
import { Platform } from './influencer-input';
import { Tier } from './tier';

/** What clients read of a social account: the one shape for GET, lists and write answers. */
export interface SocialAccountRecord {
  id: string;
  platform: Platform;
  handle: string;
  url: string | null;
  followers: number;
  /** Percent, shortest exact decimal ("3.25"), never a float. */
  engagementRate: string | null;
  asOf: string | null;
}

export interface InfluencerRecord {
  id: string;
  name: string;
  email: string | null;
  country: string | null;
  tags: string[];
  notes: string | null;
  tier: Tier;
  maxFollowers: number;
  /** Largest audience first. */
  socialAccounts: SocialAccountRecord[];
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Reads shape records in SQL: one round trip per page with the accounts aggregated as JSON, and no
 * entity hydration. This is the hot path of the API (bench/api-read); keep it a single statement.
 */
export function selectInfluencerRecords(query: SelectQueryBuilder<Influencer>, alias = 'i'): SelectQueryBuilder<Influencer> {
  return query.select([
    `${alias}.id AS "id"`,
    `${alias}.name AS "name"`,
    `${alias}.email AS "email"`,
    `${alias}.country AS "country"`,
    `${alias}.tags AS "tags"`,
    `${alias}.notes AS "notes"`,
    `${alias}.tier AS "tier"`,
    `${alias}.max_followers::float8 AS "maxFollowers"`,
    `${alias}.created_at AS "createdAt"`,
    `${alias}.updated_at AS "updatedAt"`,
    `COALESCE((SELECT json_agg(json_build_object(
        'id', a.id, 'platform', a.platform, 'handle', a.handle, 'url', a.url, 'followers', a.followers,
        'engagementRate', trim_scale(a.engagement_rate)::text, 'asOf', a.as_of::text
      ) ORDER BY a.followers DESC, a.platform) FROM social_accounts a WHERE a.influencer_id = ${alias}.id), '[]') AS "socialAccounts"`,
  ]);
}
