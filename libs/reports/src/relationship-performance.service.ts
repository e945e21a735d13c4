import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadReplica } from '@app/database';
import { Clock, currencyMinorUnits, NotFoundException, ValidationException } from '@app/common';
import { Figures, figuresOf, roiOf, ZERO_TOTALS } from '@app/rollups';
import { bucketParams, bucketsOf, daysBetween, Granularity, quarterBuckets } from './buckets';
import { monthsBetween, quarterOf, shiftMonth, shiftQuarter } from './quarters';
import {
  RELATIONSHIP_ALL_TIME_SUMS,
  RELATIONSHIP_BRAND,
  RELATIONSHIP_BRANDS,
  RELATIONSHIP_BUCKET_SUMS,
  RELATIONSHIP_QUARTER_SUMS,
  RelationshipQuarterSumsRow,
} from './reports.sql';
import { SpendCompleteness, spendCompleteness } from './spend-completeness';
import { StatSumsRow, toStatTotals } from './stat-sums.sql';

/** One bucket per request is cheap, but not unbounded: a year of days, or ten years of months and quarters. */
export const MAX_DAY_BUCKETS = 366;
export const MAX_MONTHS = 120;

export interface PerformanceQuery {
  from?: string;
  to?: string;
  granularity?: Granularity;
}

export type PerformancePoint = { period: string; from: string; to: string } & Figures;

export interface Performance extends SpendCompleteness {
  relationshipId: string;
  currency: string;
  granularity: Granularity;
  from: string;
  to: string;
  series: PerformancePoint[];
  totals: Figures;
}

/** A relationship's ROI in its brand's last quarters, oldest first, the current (in progress) one last; null without spend. */
export interface RoiTrend {
  relationshipId: string;
  points: { quarter: string; roi: number | null }[];
}

/** The all-time figures of a relationship, with what they do not hold yet. */
export interface AllTimeFigures extends SpendCompleteness {
  figures: Figures;
}

interface RelationshipBrand {
  currency: string;
  timezone: string;
  fiscalYearStartMonth: number;
}

/** A relationship's figures over time, from relationship_daily_stats; the definitions are figuresOf's. */
@Injectable()
export class RelationshipPerformanceService {
  constructor(
    private readonly replica: ReadReplica,
    private readonly clock: Clock,
  ) {}

  /**
   * Every bucket of [from, to] (zero-filled), and the totals of the range. Default range: from the first day
   * of the month 11 months back to today in the brand's time zone, so month buckets show a full year.
   */
  series(workspaceId: string, relationshipId: string, query: PerformanceQuery): Promise<Performance> {
    return this.replica.read((db) => this.seriesOn(db, workspaceId, relationshipId, query));
  }

  /** Everything the rollups hold for the relationship: the headline figures of its detail view. */
  allTime(workspaceId: string, relationshipId: string): Promise<AllTimeFigures> {
    return this.replica.read((db) => this.allTimeOn(db, workspaceId, relationshipId));
  }

  /**
   * The ROI trend of each relationship (the renewals pipeline's sparklines): `quarters` fiscal quarters of its
   * brand up to the current one, from the monthly rollups, in one query per brand. Ids of other workspaces or
   * unknown ones are simply absent.
   */
  roiTrends(workspaceId: string, relationshipIds: string[], quarters: number): Promise<RoiTrend[]> {
    return this.replica.read(async (db) => {
      const brands = (await db.query(RELATIONSHIP_BRANDS, [workspaceId, relationshipIds])) as (RelationshipBrand & {
        relationshipId: string;
        brandId: string;
      })[];
      const byBrand = new Map<string, typeof brands>();
      for (const b of brands) byBrand.set(b.brandId, [...(byBrand.get(b.brandId) ?? []), b]);
      const trends = await Promise.all(
        [...byBrand.values()].map(async (members) => {
          const { timezone, fiscalYearStartMonth } = members[0];
          const current = quarterOf(this.clock.today(timezone), fiscalYearStartMonth);
          const labels = Array.from({ length: quarters }, (_, i) => shiftQuarter(current, i - quarters + 1));
          const ids = members.map((m) => m.relationshipId);
          const rows = (await db.query(RELATIONSHIP_QUARTER_SUMS, [
            workspaceId,
            ids,
            ...bucketParams(quarterBuckets(labels, fiscalYearStartMonth)),
          ])) as RelationshipQuarterSumsRow[];
          const roi = new Map(rows.map((row) => [`${row.relationshipId}/${row.period}`, roiOf(row.netRevenue, row.spend)]));
          return ids.map((relationshipId) => ({
            relationshipId,
            points: labels.map((quarter) => ({ quarter, roi: roi.get(`${relationshipId}/${quarter}`) ?? null })),
          }));
        }),
      );
      return trends.flat();
    });
  }

  /** Reads the rollups, which lag the ledger anyway: `db` is the read replica when ReadReplica allows it. */
  private async seriesOn(db: DataSource, workspaceId: string, relationshipId: string, query: PerformanceQuery): Promise<Performance> {
    const brand = await this.brandOf(db, workspaceId, relationshipId);
    const granularity = query.granularity ?? 'month';
    const to = query.to ?? this.clock.today(brand.timezone);
    const from = query.from ?? `${shiftMonth(to.slice(0, 7), -11)}-01`;
    checkRange(from, to, granularity);
    const minorUnits = currencyMinorUnits(brand.currency);
    const buckets = bucketsOf(from, to, granularity, brand.fiscalYearStartMonth);
    const rows = (await db.query(RELATIONSHIP_BUCKET_SUMS, [workspaceId, relationshipId, ...bucketParams(buckets)])) as (StatSumsRow & {
      period: string | null;
    })[];
    const sums = new Map(rows.map((row) => [row.period, toStatTotals(row)]));
    const completeness = await this.completeness(db, workspaceId, relationshipId, brand, from, to);
    return {
      relationshipId,
      currency: brand.currency,
      granularity,
      from,
      to,
      ...completeness,
      series: buckets.map(({ label, from: first, to: last }) => ({
        period: label,
        from: first,
        to: last,
        ...figuresOf(sums.get(label) ?? ZERO_TOTALS, minorUnits),
      })),
      totals: figuresOf(sums.get(null) ?? ZERO_TOTALS, minorUnits),
    };
  }

  private async allTimeOn(db: DataSource, workspaceId: string, relationshipId: string): Promise<AllTimeFigures> {
    const brand = await this.brandOf(db, workspaceId, relationshipId);
    const [[row], completeness] = await Promise.all([
      db.query(RELATIONSHIP_ALL_TIME_SUMS, [workspaceId, relationshipId]) as Promise<StatSumsRow[]>,
      this.completeness(db, workspaceId, relationshipId, brand, '-infinity', 'infinity'),
    ]);
    return { figures: figuresOf(toStatTotals(row), currencyMinorUnits(brand.currency)), ...completeness };
  }

  private async completeness(
    db: DataSource,
    workspaceId: string,
    id: string,
    brand: RelationshipBrand,
    from: string,
    to: string,
  ): Promise<SpendCompleteness> {
    const range = { from, to, today: this.clock.today(brand.timezone) };
    return (await spendCompleteness(db.manager, workspaceId, { relationshipIds: [id] }, range, currencyMinorUnits(brand.currency))).total;
  }

  private async brandOf(db: DataSource, workspaceId: string, relationshipId: string): Promise<RelationshipBrand> {
    const [brand] = (await db.query(RELATIONSHIP_BRAND, [workspaceId, relationshipId])) as RelationshipBrand[];
    if (!brand) throw new NotFoundException('Relationship', relationshipId);
    return brand;
  }
}

function checkRange(from: string, to: string, granularity: Granularity): void {
  if (from > to) throw new ValidationException([{ field: 'to', message: `must not be before from (${from})` }]);
  if (granularity === 'day' && daysBetween(from, to) > MAX_DAY_BUCKETS) {
    throw new ValidationException([
      {
        field: 'from',
        message: `must be at most ${MAX_DAY_BUCKETS} days before to with granularity=day: use month or quarter for longer ranges`,
      },
    ]);
  }
  if (monthsBetween(from, to).length > MAX_MONTHS)
    throw new ValidationException([{ field: 'from', message: `must be at most ${MAX_MONTHS} months (10 years) before to` }]);
}
