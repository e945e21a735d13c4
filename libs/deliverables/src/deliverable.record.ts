import { SelectQueryBuilder } from 'typeorm';
import { BrandRef, brandRefSql } from '@app/brands';
import { InfluencerRef, influencerRefSql } from '@app/influencers';
import { Deliverable } from './entities/deliverable.entity';
import { MetricCounts } from './entities/metric-snapshot.entity';
import type { DeliverableType } from './plan';
import { OPEN_STATUSES, DeliverableStatus } from './transitions';

export interface MetricsRecord extends MetricCounts {
  capturedAt: Date;
}

/** What clients read of a deliverable: the one shape for GET, lists and write answers. */
export interface DeliverableRecord {
  id: string;
  contractId: string;
  relationshipId: string;
  brandId: string;
  influencerId: string;
  brand: BrandRef;
  influencer: InfluencerRef;
  socialAccountId: string | null;
  type: DeliverableType;
  platform: string;
  dueDate: string;
  status: DeliverableStatus;
  /** Past due in the brand's time zone and still open. */
  overdue: boolean;
  brief: string | null;
  contentUrl: string | null;
  caption: string | null;
  reviewComment: string | null;
  postUrl: string | null;
  publishedAt: Date | null;
  followersAtPublish: number | null;
  /** numeric(20,4) as stored ("150.0000"); the view formats it with the currency's minor units. */
  fee: string;
  currency: string;
  submittedAt: Date | null;
  approvedAt: Date | null;
  missedAt: Date | null;
  cancelledAt: Date | null;
  /** The latest snapshot (latest capturedAt, ties by creation), or null before the first one. */
  metrics: MetricsRecord | null;
  /** likes + comments + shares + saves of the latest snapshot. */
  engagements: number | null;
  /** engagements / followersAtPublish as a ratio with 4 decimals ("0.0523"); null without metrics or followers. */
  engagementRate: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const open = OPEN_STATUSES.map((status) => `'${status}'`).join(',');

/**
 * "Today" is the brand's calendar date at the clock's instant, computed per row in SQL, so one list
 * mixing brands in Auckland and Los Angeles judges each deliverable by its own brand's day.
 */
export const OVERDUE_SQL = `(d.due_date < (CAST(:now AS timestamptz) AT TIME ZONE b.timezone)::date AND d.status IN (${open}))`;

const ENGAGEMENTS = '(m.likes + m.comments + m.shares + m.saves)';

/** The latest snapshot with its derived figures, as one JSON value (a scalar subquery keeps it one statement). */
const LATEST_METRICS = `(SELECT json_build_object(
    'impressions', m.impressions, 'reach', m.reach, 'views', m.views, 'likes', m.likes, 'comments', m.comments,
    'shares', m.shares, 'saves', m.saves, 'clicks', m.clicks, 'capturedAt', m.captured_at,
    'engagements', ${ENGAGEMENTS},
    'engagementRate', round(${ENGAGEMENTS}::numeric / NULLIF(d.followers_at_publish, 0), 4)::text
  ) FROM metric_snapshots m WHERE m.deliverable_id = d.id ORDER BY m.captured_at DESC, m.created_at DESC LIMIT 1)`;

/** Joins what a record needs: the contract (currency) and the brand (time zone) through the relationship. */
export function joinDeliverableContext(query: SelectQueryBuilder<Deliverable>): SelectQueryBuilder<Deliverable> {
  return query
    .innerJoin('contracts', 'c', 'c.id = d.contract_id')
    .innerJoin('relationships', 'r', 'r.id = d.relationship_id')
    .innerJoin('brands', 'b', 'b.id = r.brand_id');
}

/** Shapes records in SQL, like influencer records: one round trip per page, no entity hydration. */
export function selectDeliverableRecords(query: SelectQueryBuilder<Deliverable>, now: Date): SelectQueryBuilder<Deliverable> {
  return joinDeliverableContext(query)
    .select([
      'd.id AS "id"',
      'd.contract_id AS "contractId"',
      'd.relationship_id AS "relationshipId"',
      'r.brand_id AS "brandId"',
      'r.influencer_id AS "influencerId"',
      `${brandRefSql('r.brand_id')} AS "brand"`,
      `${influencerRefSql('r.influencer_id')} AS "influencer"`,
      'd.social_account_id AS "socialAccountId"',
      'd.type AS "type"',
      'd.platform AS "platform"',
      'd.due_date::text AS "dueDate"',
      'd.status AS "status"',
      `${OVERDUE_SQL} AS "overdue"`,
      'd.brief AS "brief"',
      'd.content_url AS "contentUrl"',
      'd.caption AS "caption"',
      'd.review_comment AS "reviewComment"',
      'd.post_url AS "postUrl"',
      'd.published_at AS "publishedAt"',
      'd.followers_at_publish::float8 AS "followersAtPublish"',
      'd.fee::text AS "fee"',
      'c.currency AS "currency"',
      'd.submitted_at AS "submittedAt"',
      'd.approved_at AS "approvedAt"',
      'd.missed_at AS "missedAt"',
      'd.cancelled_at AS "cancelledAt"',
      `${LATEST_METRICS} AS "metrics"`,
      'd.created_at AS "createdAt"',
      'd.updated_at AS "updatedAt"',
    ])
    .setParameter('now', now.toISOString());
}

type RawMetrics = MetricCounts & { capturedAt: string; engagements: number; engagementRate: string | null };
type RawRecord = Omit<DeliverableRecord, 'metrics' | 'engagements' | 'engagementRate'> & { metrics: RawMetrics | null };

/** Lifts the derived figures out of the metrics JSON to the top level of the record. */
export function toDeliverableRecord(raw: RawRecord): DeliverableRecord {
  if (!raw.metrics) return { ...raw, metrics: null, engagements: null, engagementRate: null };
  const { engagements, engagementRate, capturedAt, ...counts } = raw.metrics;
  return { ...raw, metrics: { ...counts, capturedAt: new Date(capturedAt) }, engagements, engagementRate };
}
