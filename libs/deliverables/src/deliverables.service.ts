import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ActivityService, diff } from '@app/activity';
import { Clock, NotFoundException } from '@app/common';
import { ReadReplica } from '@app/database';
import { DeliverableRecord, selectDeliverableRecords, toDeliverableRecord } from './deliverable.record';
import { DeliverableRepository } from './deliverable.repository';
import { DeliverablesException } from './deliverables.exception';
import { DeliverableType, PlanItem, planDeliverables } from './plan';
import { EDITABLE_STATUSES, OPEN_STATUSES } from './transitions';
import { applyDeliverableFilter, DeliverableFilter } from './deliverable-filter';
import { checkDeliverableFields, readContractTerm } from './deliverable-rules';
import { markDeliverableDays } from './deliverable-rollup-days';

/** What the contracts context hands over; dates are calendar dates (YYYY-MM-DD), end inclusive. */
export interface ContractForDeliverables {
  id: string;
  relationshipId: string;
  startDate: string;
  endDate: string;
  feePerDeliverable: string;
  currency: string;
  plan: PlanItem[];
}

export interface NewDeliverable {
  type: DeliverableType;
  platform: string;
  dueDate: string;
  brief?: string;
  /** Defaults to the contract's fee per deliverable. */
  fee?: string;
  socialAccountId?: string;
}

export interface DeliverablePatch {
  brief?: string | null;
  dueDate?: string;
  platform?: string;
  type?: DeliverableType;
  socialAccountId?: string | null;
  fee?: string;
}

/** Rows per INSERT: far below PostgreSQL's 65,535 bind parameters, and above any real plan. */
const INSERT_CHUNK = 2000;

@Injectable()
export class DeliverablesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deliverables: DeliverableRepository,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    private readonly replica: ReadReplica,
  ) {}

  async get(id: string): Promise<DeliverableRecord> {
    const raw = await selectDeliverableRecords(this.deliverables.query('d'), this.clock.now()).andWhere('d.id = :id', { id }).getRawOne();
    if (!raw) throw new NotFoundException('Deliverable', id);
    return toDeliverableRecord(raw);
  }

  /** Keyset page on (due_date, id); fetches limit + 1 rows so the caller can tell whether more exist. */
  /** A list tolerates a little lag: on the read replica when there is one (ReadReplica says when). */
  list(filter: DeliverableFilter, limit: number, cursor?: string): Promise<DeliverableRecord[]> {
    return this.replica.read(async (db) => {
      const query = selectDeliverableRecords(this.deliverables.query('d', db.manager), this.clock.now())
        .orderBy('d.due_date', 'ASC')
        .addOrderBy('d.id', 'ASC')
        .limit(limit + 1);
      applyDeliverableFilter(query, filter, cursor);
      return (await query.getRawMany()).map(toDeliverableRecord);
    });
  }

  async update(id: string, patch: DeliverablePatch): Promise<DeliverableRecord> {
    await this.dataSource.transaction(async (manager) => {
      const deliverable = await this.deliverables.getForUpdate(manager, id);
      if (!EDITABLE_STATUSES.includes(deliverable.status)) throw DeliverablesException.notEditable(deliverable.status);
      await checkDeliverableFields(manager, await readContractTerm(manager, deliverable.contractId), patch, deliverable);
      const changes = diff(deliverable, patch);
      if (Object.keys(changes).length === 0) return;
      const dueBefore = deliverable.dueDate;
      await this.deliverables.save(Object.assign(deliverable, patch), manager);
      if (changes.dueDate) await markDeliverableDays(manager, [{ ...deliverable, dueDate: dueBefore }, deliverable]);
      await this.activity.record(manager, {
        entityType: 'deliverable',
        entityId: id,
        relationshipId: deliverable.relationshipId,
        action: 'updated',
        changes,
      });
    });
    return this.get(id);
  }

  /** The plan of a contract being activated, as planned deliverables; one activity entry on the contract, not one per row. */
  async generateForContract(manager: EntityManager, contract: ContractForDeliverables): Promise<number> {
    const planned = planDeliverables(contract.plan, contract.startDate, contract.endDate);
    const rows = planned.map((item) =>
      this.deliverables.create(
        { ...item, contractId: contract.id, relationshipId: contract.relationshipId, status: 'planned', fee: contract.feePerDeliverable },
        manager,
      ),
    );
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await this.deliverables.repo(manager).insert(rows.slice(i, i + INSERT_CHUNK));
    await markDeliverableDays(manager, rows);
    if (rows.length > 0) {
      const changes = { count: rows.length, firstDueDate: planned[0].dueDate, lastDueDate: planned[planned.length - 1].dueDate };
      await this.activity.record(manager, {
        entityType: 'contract',
        entityId: contract.id,
        relationshipId: contract.relationshipId,
        action: 'deliverables_generated',
        changes,
      });
    }
    return rows.length;
  }

  /** A deliverable added by hand to a contract; 400 naming the field when the due date is outside the term. */
  async addToContract(manager: EntityManager, contract: ContractForDeliverables, input: NewDeliverable): Promise<string> {
    // The contract's own fee was checked when the contract was written (and reads back as "200.0000"): check only what is sent.
    await checkDeliverableFields(
      manager,
      {
        ...(await readContractTerm(manager, contract.id)),
        startDate: contract.startDate,
        endDate: contract.endDate,
        currency: contract.currency,
      },
      input,
    );
    const fields = { brief: null, socialAccountId: null, fee: contract.feePerDeliverable, ...input };
    const deliverable = this.deliverables.create(
      { ...fields, contractId: contract.id, relationshipId: contract.relationshipId, status: 'planned' },
      manager,
    );
    await this.deliverables.save(deliverable, manager);
    await markDeliverableDays(manager, [deliverable]);
    await this.activity.record(manager, {
      entityType: 'deliverable',
      entityId: deliverable.id,
      relationshipId: contract.relationshipId,
      action: 'created',
      changes: fields,
    });
    return deliverable.id;
  }

  /** Cancels what is still owed from `fromDate` on (a terminated term); locks the rows so a concurrent transition waits. */
  async cancelOpenFrom(manager: EntityManager, contractId: string, fromDate: string): Promise<number> {
    const open = await this.deliverables
      .query('d', manager)
      .andWhere('d.contractId = :contractId AND d.dueDate >= :fromDate AND d.status IN (:...open)', {
        contractId,
        fromDate,
        open: OPEN_STATUSES,
      })
      .orderBy('d.dueDate')
      .setLock('pessimistic_write')
      .getMany();
    if (open.length === 0) return 0;
    await this.deliverables
      .repo(manager)
      .update(this.deliverables.where({ id: In(open.map((d) => d.id)) }), { status: 'cancelled', cancelledAt: this.clock.now() });
    await markDeliverableDays(manager, open);
    const cancelled = open.map((d) => ({ id: d.id, dueDate: d.dueDate, from: d.status }));
    await this.activity.record(manager, {
      entityType: 'contract',
      entityId: contractId,
      relationshipId: open[0].relationshipId,
      action: 'deliverables_cancelled',
      changes: { fromDate, count: open.length, deliverables: cancelled },
    });
    return open.length;
  }
}
