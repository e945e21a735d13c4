import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { ActivityService } from '@app/activity';
import {
  Clock,
  currencyMinorUnits,
  decodeCursor,
  decodeCursorParts,
  encodeCursorParts,
  invalidCursor,
  isUuid,
  RequestContext,
  ValidationException,
} from '@app/common';
import { BrandsService } from '@app/brands';
import { CostsService } from '@app/costs';
import { ScopedRepository } from '@app/database';
import { recordEvent } from '@app/events';
import { PayoutsException } from '../payouts.exception';
import { PayoutSettingsService } from '../settings/payout-settings.service';
import { BUILD_RUN, LINK_ENTRIES, RUN_HORIZON, RUN_SETTINGS, RUN_SETTINGS_END } from './payout-run.sql';
import { PayoutRun } from './payout-run.entity';
import { Payout } from './payout.entity';
import { PayoutStatus } from './payout-transitions';

/** Minor units of every currency this runtime knows, for the run's statement (its entries' currencies are brands'). */
const MINOR_UNITS = JSON.stringify(Object.fromEntries(Intl.supportedValuesOf('currency').map((code) => [code, currencyMinorUnits(code)])));

/** The latest calendar day anywhere (UTC+14): a workspace-wide run may not end after it. */
const LATEST_ZONE = 'Pacific/Kiritimati';

/** SQLSTATE of a lock not granted within lock_timeout. */
const LOCK_NOT_AVAILABLE = '55P03';

export interface PayoutFilter {
  runId?: string;
  influencerId?: string;
  status?: PayoutStatus;
}

export const PAYOUT_SORTS = ['newest', 'payee'] as const;
export type PayoutSort = (typeof PAYOUT_SORTS)[number];
export type PayoutWithPayee = Payout & { influencerName: string };

/** The cursor of a list by payee: tagged, so one of the newest-first order is refused rather than misread. */
export const encodePayeeCursor = (row: PayoutWithPayee) => encodeCursorParts(['payee', row.influencerName, row.id]);
const decodePayeeCursor = (raw: string | undefined) =>
  decodeCursorParts(raw, ([tag, name, id]) => {
    if (tag !== 'payee') throw invalidCursor('is not a cursor returned by this API for this sort');
    return typeof name === 'string' && typeof id === 'string' && isUuid(id) ? { name, id } : undefined;
  });

/** Payout runs: build one (docs/payouts.md), read runs and payouts. State changes are PayoutTransitions'. */
@Injectable()
export class PayoutRunsService {
  private readonly runs: ScopedRepository<PayoutRun>;
  private readonly payouts: ScopedRepository<Payout>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly brands: BrandsService,
    private readonly costs: CostsService,
    private readonly settings: PayoutSettingsService,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
  ) {
    this.runs = new ScopedRepository(dataSource, PayoutRun, 'Payout run');
    this.payouts = new ScopedRepository(dataSource, Payout, 'Payout');
  }

  /**
   * The run's horizon (RUN_HORIZON, its own short transaction; 503 when the ledger's lock is not granted in
   * RUN_LOCK_TIMEOUT), then one transaction: the workspace's advisory
   * lock (two runs take turns; the second, in its own statement snapshot, sees what the first linked), the run
   * row, BUILD_RUN, then the remainders under one minor unit carried by a pair of adjustments
   * (CostsService.recordPayoutRemainders) whose negative half joins the payout. ex_payout_entries_live is the
   * guarantee, the lock only keeps runs from failing on it.
   */
  async create(periodEnd: string, brandId?: string): Promise<PayoutRun> {
    const brand = brandId ? await this.brands.get(brandId) : undefined;
    const today = this.clock.today(brand?.timezone ?? LATEST_ZONE);
    if (periodEnd > today)
      throw new ValidationException([
        { field: 'periodEnd', message: `must not be after today (${today}${brand ? ` in ${brand.timezone}` : ''})` },
      ]);
    const actor = RequestContext.actor();
    const horizon = await this.dataSource
      .transaction(async (manager) => {
        let rows: { horizon: string }[] = [];
        for (const statement of RUN_HORIZON) rows = (await manager.query(statement)) as { horizon: string }[];
        return rows[0].horizon;
      })
      .catch((error: unknown) => {
        if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === LOCK_NOT_AVAILABLE)
          throw PayoutsException.ledgerBusy();
        throw error;
      });
    const id = await this.dataSource
      .transaction(async (manager) => {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('payout-run:' || $1, 0))`, [actor.workspaceId]);
        await manager.query(RUN_SETTINGS);
        const { minimum } = await this.settings.get(manager);
        const run = await this.runs.save(
          this.runs.create({ brandId: brandId ?? null, periodEnd, minimum, createdByUserId: actor.userId ?? null }, manager),
          manager,
        );
        const remainders = (await manager.query(BUILD_RUN, [
          actor.workspaceId,
          periodEnd,
          brandId ?? null,
          minimum,
          run.id,
          MINOR_UNITS,
          horizon,
        ])) as {
          payoutId: string;
          relationshipId: string;
          currency: string;
          remainder: string;
        }[];
        await manager.query(RUN_SETTINGS_END);
        await this.carryRemainders(manager, remainders, periodEnd);
        const [made] = (await manager.query(`SELECT count(*)::int AS payouts FROM payouts WHERE run_id = $1`, [run.id])) as {
          payouts: number;
        }[];
        await this.activity.record(manager, {
          entityType: 'payout_run',
          entityId: run.id,
          action: 'created',
          changes: { periodEnd, brandId: brandId ?? null, minimum, payouts: made.payouts },
        });
        await recordEvent(manager, {
          type: 'payout_run.created',
          subjectType: 'payout_run',
          subjectId: run.id,
          data: { runId: run.id, brandId: brandId ?? null, periodEnd, payouts: made.payouts },
        });
        return run.id;
      })
      .catch((error: unknown) => {
        if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'ex_payout_entries_live')
          throw PayoutsException.entryTaken();
        throw error;
      });
    return this.runs.get(id);
  }

  private async carryRemainders(
    manager: EntityManager,
    rows: { payoutId: string; relationshipId: string; currency: string; remainder: string }[],
    day: string,
  ) {
    const negatives = await this.costs.recordPayoutRemainders(
      manager,
      rows.map((row) => ({ ...row, currency: row.currency.trim(), day })),
    );
    if (!negatives.length) return;
    await manager.query(LINK_ENTRIES, [negatives.map((n) => n.payoutId), negatives.map((n) => n.entryId), day]);
  }

  getRun(id: string): Promise<PayoutRun> {
    return this.runs.get(id);
  }

  /** Newest first, keyset on (created_at, id). */
  listRuns(limit: number, cursor?: string): Promise<PayoutRun[]> {
    const after = decodeCursor(cursor);
    const query = this.runs
      .query('r')
      .orderBy('r.createdAt', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .take(limit + 1);
    if (after) query.andWhere('(r.createdAt, r.id) < (:createdAt, :id)', after);
    return query.getMany();
  }

  getPayout(id: string): Promise<Payout> {
    return this.payouts.get(id);
  }

  /**
   * Newest first, keyset on (created_at, id); or by the payee's name (`payee`), keyset on (name, id), which is how a
   * run's payouts are looked through: they all share one created_at. Each row carries the payee's name.
   */
  async listPayouts(filter: PayoutFilter, limit: number, cursor?: string, sort: PayoutSort = 'newest'): Promise<PayoutWithPayee[]> {
    // The payee's name only, read from the influencers' table as the balances read it.
    const query = this.payouts
      .query('p')
      .innerJoin('influencers', 'i', 'i.id = p.influencer_id')
      .addSelect('i.name', 'payee_name')
      .limit(limit + 1);
    if (sort === 'payee') {
      const after = decodePayeeCursor(cursor);
      query.orderBy('i.name').addOrderBy('p.id');
      if (after) query.andWhere('(i.name, p.id) > (:name, :id)', after);
    } else {
      const after = decodeCursor(cursor);
      query.orderBy('p.createdAt', 'DESC').addOrderBy('p.id', 'DESC');
      if (after) query.andWhere('(p.createdAt, p.id) < (:createdAt, :id)', after);
    }
    if (filter.runId) query.andWhere('p.runId = :runId', { runId: filter.runId });
    if (filter.influencerId) query.andWhere('p.influencerId = :influencerId', { influencerId: filter.influencerId });
    if (filter.status) query.andWhere('p.status = :status', { status: filter.status });
    const { entities, raw } = await query.getRawAndEntities<{ payee_name: string }>();
    return entities.map((payout, i) => Object.assign(payout, { influencerName: raw[i].payee_name }));
  }

  /** Per status and currency: how many payouts and how much, for a run's summary. */
  async runTotals(runId: string): Promise<{ status: PayoutStatus; currency: string; payouts: number; amount: string }[]> {
    await this.runs.get(runId);
    return this.dataSource.query(
      `SELECT status, currency, count(*)::int AS payouts, sum(amount)::text AS amount FROM payouts
        WHERE run_id = $1 AND workspace_id = $2 GROUP BY status, currency ORDER BY currency, status`,
      [runId, RequestContext.workspaceId()],
    );
  }
}
