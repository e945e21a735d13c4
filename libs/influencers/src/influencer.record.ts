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
    // Compact JSON text (row_to_json, no spaces), so a page built by PostgreSQL (influencerPageJson) can embed it as is.
    `COALESCE((SELECT ('[' || string_agg(row_to_json(a)::text, ',' ORDER BY a.followers DESC, a.platform) || ']')::json FROM (
        SELECT sa.id, sa.platform, sa.handle, sa.url, sa.followers, trim_scale(sa.engagement_rate)::text AS "engagementRate",
          sa.as_of::text AS "asOf"
        FROM social_accounts sa WHERE sa.influencer_id = ${alias}.id) a), '[]') AS "socialAccounts"`,
  ]);
}

/** A timestamptz as Date.prototype.toISOString writes it (the columns keep milliseconds: timestamptz(3)). */
const isoInstant = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A page of `records` (selectInfluencerRecords ordered by createdAt DESC, id DESC, limit + 1 rows) as the JSON
 * text of its first `limit` records, built by PostgreSQL: the same keys in the same order and the same values as
 * JSON.stringify of the records (tests compare the bytes), without parsing rows and serialising them again. Also
 * whether more rows came and the last record's sort key, for the cursor. `$limit` is the limit's parameter.
 */
export function influencerPageJson(records: string, limit: string): string {
  return `
WITH page AS (${records}),
docs AS (
  SELECT row_number() OVER (ORDER BY p."createdAt" DESC, p.id DESC) AS n, p.id, ${isoInstant('p."createdAt"')} AS "createdAt",
    (SELECT row_to_json(d) FROM (SELECT p.id, p.name, p.email, p.country, p.tags, p.notes, p.tier, p."maxFollowers"::bigint AS "maxFollowers",
      ${isoInstant('p."createdAt"')} AS "createdAt", ${isoInstant('p."updatedAt"')} AS "updatedAt", p."socialAccounts") d) AS doc
  FROM page p
)
SELECT COALESCE('[' || string_agg(doc::text, ',' ORDER BY n) FILTER (WHERE n <= ${limit}) || ']', '[]') AS data,
  count(*) > ${limit} AS more, max("createdAt") FILTER (WHERE n = ${limit}) AS "lastCreatedAt", max(id::text) FILTER (WHERE n = ${limit}) AS "lastId"
FROM docs`;
}
