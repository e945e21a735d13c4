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

/** Reads shape records in SQL (GET /:id, the write answers): the accounts aggregated as JSON, no entity hydration. */
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
    `COALESCE((${accountsJson(alias)})::json, '[]') AS "socialAccounts"`,
  ]);
}

/**
 * The JSON text of an influencer's accounts, largest audience first (NULL without any): compact, as row_to_json writes
 * it, so a page built by PostgreSQL (influencerPageSql) can embed it as is.
 */
function accountsJson(alias: string): string {
  return `SELECT '[' || string_agg(row_to_json(a)::text, ',' ORDER BY a.followers DESC, a.platform) || ']' FROM (
      SELECT sa.id, sa.platform, sa.handle, sa.url, sa.followers, trim_scale(sa.engagement_rate)::text AS "engagementRate",
        sa.as_of::text AS "asOf"
      FROM social_accounts sa WHERE sa.influencer_id = ${alias}.id) a`;
}

/** A timestamptz as Date.prototype.toISOString writes it (the columns keep milliseconds: timestamptz(3)). */
const isoInstant = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A JSON value in SQL text: to_json escapes strings as row_to_json does, and NULL is `null`. */
const json = (expression: string) => `COALESCE(to_json(${expression})::text, 'null')`;

/**
 * A page of influencers matching `where` (over `influencers i`), ordered by createdAt DESC, id DESC, as the JSON text
 * of its first `limit` records, built by PostgreSQL: the keys, order and values of JSON.stringify of an InfluencerRecord
 * (tests compare the bytes with GET /:id), without parsing rows and serialising them again. Each record is
 * concatenated text, not row_to_json of a row: no row built per record, and the accounts' text is not parsed back
 * as json to be embedded (bench/api-read: ~0.2 ms less of PostgreSQL's CPU per page). Also whether more rows match
 * and the last record's sort key, for the cursor.
 */
export function influencerPageSql(where: string, limit: number): string {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`page limit ${limit} is not a positive integer`);
  return `
WITH page AS (
  SELECT i.id, i.created_at,
    '{"id":"' || i.id || '","name":' || ${json('i.name')} || ',"email":' || ${json('i.email')} || ',"country":' || ${json('i.country')}
    || ',"tags":' || ${json('i.tags')} || ',"notes":' || ${json('i.notes')} || ',"tier":' || ${json('i.tier')}
    || ',"maxFollowers":' || i.max_followers || ',"createdAt":"' || ${isoInstant('i.created_at')} || '","updatedAt":"' || ${isoInstant('i.updated_at')}
    || '","socialAccounts":' || COALESCE((${accountsJson('i')}), '[]') || '}' AS doc
  FROM influencers i WHERE ${where}
  ORDER BY i.created_at DESC, i.id DESC LIMIT ${limit + 1}
),
numbered AS (SELECT row_number() OVER (ORDER BY created_at DESC, id DESC) AS n, * FROM page)
SELECT COALESCE('[' || string_agg(doc, ',' ORDER BY n) FILTER (WHERE n <= ${limit}) || ']', '[]') AS data, count(*) > ${limit} AS more,
  ${isoInstant(`max(created_at) FILTER (WHERE n = ${limit})`)} AS "lastCreatedAt", max(id::text) FILTER (WHERE n = ${limit}) AS "lastId"
FROM numbered`;
}
