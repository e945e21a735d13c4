import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService } from '@app/activity';
import { Clock, decodeCursor, moneyErrors, RequestContext, ValidationException } from '@app/common';
import { BrandsService } from '@app/brands';
import { ScopedRepository } from '@app/database';
import { eventMoney, recordEvent } from '@app/events';
import { RelationshipsService } from '@app/relationships';
import { markRollupDirty } from '@app/rollups';
import { CostEntry } from './cost-entry.entity';
import { CostKind, manualCostErrors, ManualCostKind } from './cost-rules';

/** A hand-entered cost as the API takes it; the currency is always the brand's. */
export interface ManualCostInput {
  kind: ManualCostKind;
  amount: string;
  /** Default: today in the brand's time zone. */
  incurredOn?: string;
  description?: string | null;
}

export interface ManualCostEntry extends Required<Omit<ManualCostInput, 'description'>> {
  relationshipId: string;
  currency: string;
  description: string | null;
}

export interface DeliverableFeeEntry {
  deliverableId: string;
  relationshipId: string;
  contractId: string;
  amount: string;
  currency: string;
  incurredOn: string;
}

/** The commission of a voided conversion taken back: a negative amount, on the day of the void. */
export interface VoidedCommissionEntry {
  conversionId: string;
  relationshipId: string;
  contractId: string | null;
  amount: string;
  currency: string;
  incurredOn: string;
  reason: string;
}

/** The part of a payout's entries under one minor unit of its currency (docs/payouts.md). */
export interface PayoutRemainder {
  payoutId: string;
  relationshipId: string;
  currency: string;
  /** Positive, under one minor unit: "0.0050". */
  remainder: string;
  day: string;
}

export interface CostFilter {
  kind?: CostKind;
  from?: string;
  to?: string;
}

type NewEntry = Pick<CostEntry, 'relationshipId' | 'kind' | 'amount' | 'currency' | 'incurredOn'> &
  Partial<Pick<CostEntry, 'contractId' | 'sourceId' | 'description'>>;

/**
 * The cost ledger: append-only. There is no update and no delete here on purpose (docs/costs.md): a
 * correction is a negative `other` entry with a description. Every write marks the day dirty for the
 * rollups and is logged, in the caller's transaction.
 */
@Injectable()
export class CostsService {
  private readonly entries: ScopedRepository<CostEntry>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relationships: RelationshipsService,
    private readonly brands: BrandsService,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
  ) {
    this.entries = new ScopedRepository(dataSource, CostEntry, 'Cost entry');
  }

  /** POST /v1/relationships/:id/costs: in the brand's currency, dated today in its time zone unless given. */
  async add(relationshipId: string, input: ManualCostInput): Promise<CostEntry> {
    // Looked up first: another workspace's relationship is a 404 before any validation speaks about it.
    const relationship = await this.relationships.get(relationshipId);
    const { currency, timezone } = await this.brands.get(relationship.brandId);
    const entry = {
      relationshipId,
      kind: input.kind,
      amount: input.amount,
      currency,
      incurredOn: input.incurredOn ?? this.clock.today(timezone),
      description: input.description ?? null,
    };
    const id = await this.dataSource.transaction((manager) => this.record(manager, entry));
    return this.entries.get(id);
  }

  /** Product and other costs, by hand; checks the sign rules and the currency's minor units. */
  async record(manager: EntityManager, entry: ManualCostEntry): Promise<string> {
    const errors = [
      ...manualCostErrors(entry.kind, entry.amount, entry.description),
      ...moneyErrors({ amount: entry.amount.replace(/^-/, '') }, entry.currency),
    ];
    if (errors.length) throw new ValidationException(errors);
    return (await this.append(manager, entry)) as string;
  }

  /**
   * The fee of a published deliverable, once: the deliverable is the entry's source and
   * uq_cost_entries_source (kind, source_id) turns a second attempt into a no-op. Returns the new
   * entry's id, or null when it was already recorded.
   */
  recordDeliverableFee(manager: EntityManager, fee: DeliverableFeeEntry): Promise<string | null> {
    const { deliverableId, ...rest } = fee;
    return this.append(manager, { ...rest, kind: 'deliverable_fee', sourceId: deliverableId });
  }

  /**
   * The negative commission entry of a voided conversion (docs/costs.md). No sourceId: the conversion is the
   * source of its approval's entry already (unique per kind), and the void's transaction, under the
   * conversion's row lock, is what makes it once. The description names the conversion and the reason.
   */
  async recordVoidedCommission(manager: EntityManager, entry: VoidedCommissionEntry): Promise<string> {
    const { conversionId, reason, ...rest } = entry;
    const id = (await this.append(manager, { ...rest, kind: 'commission', description: `Conversion ${conversionId} voided: ${reason}` }))!;
    await recordEvent(manager, {
      type: 'commission.reversed',
      subjectType: 'cost',
      subjectId: id,
      data: {
        costId: id,
        relationshipId: rest.relationshipId,
        amount: eventMoney(rest.amount, rest.currency),
        currency: rest.currency,
        conversionId,
      },
    });
    return id;
  }

  /**
   * A payout pays whole minor units, but commissions are kept to 0.0001: per payout, the remainder leaves it
   * as a negative `adjustment` (sourced by the payout, so once, and linked to it by the caller) and comes back
   * as the same positive `adjustment` for the next run. The pair is on one relationship and day and sums to
   * zero, so spend and the rollups do not move (no dirty mark). Returns the negative entries' ids per payout.
   */
  async recordPayoutRemainders(manager: EntityManager, rows: PayoutRemainder[]): Promise<{ payoutId: string; entryId: string }[]> {
    if (!rows.length) return [];
    const actor = RequestContext.actor();
    return (
      await manager.query(
        `INSERT INTO cost_entries (workspace_id, relationship_id, kind, amount, currency, incurred_on, source_id, description, created_by_user_id)
       SELECT $1, r.relationship_id, 'adjustment', sign.s * r.remainder, r.currency, r.day,
              CASE WHEN sign.s < 0 THEN r.payout_id END,
              CASE WHEN sign.s < 0 THEN 'Under one minor unit: left out of payout ' ELSE 'Under one minor unit: carried over from payout ' END || r.payout_id,
              $2
       FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::numeric[], $7::date[]) AS r(payout_id, relationship_id, currency, remainder, day)
       CROSS JOIN (VALUES (-1), (1)) AS sign(s)
       RETURNING source_id AS "payoutId", id AS "entryId"`,
        [
          actor.workspaceId,
          actor.userId ?? null,
          rows.map((r) => r.payoutId),
          rows.map((r) => r.relationshipId),
          rows.map((r) => r.currency),
          rows.map((r) => r.remainder),
          rows.map((r) => r.day),
        ],
      )
    ).filter((row: { payoutId: string | null }) => row.payoutId);
  }

  /** Newest day first, then id: keyset on (incurred_on, id); limit + 1 rows tell whether more exist. */
  async list(relationshipId: string, filter: CostFilter, limit: number, cursor?: string): Promise<CostEntry[]> {
    await this.relationships.get(relationshipId);
    const after = decodeCursor(cursor);
    const query = this.entries
      .query('e')
      .andWhere('e.relationshipId = :relationshipId', { relationshipId })
      .orderBy('e.incurredOn', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(limit + 1);
    if (after)
      query.andWhere('(e.incurredOn, e.id) < (CAST(:incurredOn AS date), CAST(:id AS uuid))', {
        incurredOn: after.createdAt,
        id: after.id,
      });
    if (filter.kind) query.andWhere('e.kind = :kind', { kind: filter.kind });
    if (filter.from) query.andWhere('e.incurredOn >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.incurredOn <= :to', { to: filter.to });
    return query.getMany();
  }

  /** ON CONFLICT DO NOTHING on the ledger's natural keys: a repeated source or accrual day writes nothing, not even a mark. */
  private async append(manager: EntityManager, entry: NewEntry): Promise<string | null> {
    const values = this.entries.create(
      { contractId: null, sourceId: null, description: null, ...entry, createdByUserId: RequestContext.actor().userId ?? null },
      manager,
    );
    const inserted = await this.entries.repo(manager).createQueryBuilder().insert().values(values).orIgnore().returning('id').execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;
    if (!id) return null;
    await markRollupDirty(manager, [{ relationshipId: entry.relationshipId, day: entry.incurredOn }]);
    const { kind, amount, currency, incurredOn, contractId, sourceId, description } = values;
    await this.activity.record(manager, {
      entityType: 'cost',
      entityId: id,
      relationshipId: entry.relationshipId,
      action: 'recorded',
      changes: { kind, amount, currency, incurredOn, contractId, sourceId, description },
    });
    // Commission entries are announced as commission.* events by their callers, with their conversion.
    if (kind !== 'commission')
      await recordEvent(manager, {
        type: 'cost.recorded',
        subjectType: 'cost',
        subjectId: id,
        data: { costId: id, relationshipId: entry.relationshipId, amount: eventMoney(amount, currency), currency, kind },
      });
    return id;
  }
}
