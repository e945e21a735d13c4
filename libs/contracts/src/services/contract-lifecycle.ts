import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RequestContext } from '@app/common';
import { ActivityService } from '@app/activity';
import { ScopedRepository } from '@app/database';
import { recordEvent } from '@app/events';
import { ContractForDeliverables } from '@app/deliverables';
import { type Relationship, RelationshipsService } from '@app/relationships';
import { Contract, ContractStatus } from '../contract.entity';
import { ContractColumns, ContractDates } from '../contract-input';
import { contractEvent } from '../contract-events';
import { ContractsException } from '../contracts.exception';
import { deriveRelationshipStatus } from '../relationship-status.rule';

export interface LockedContract {
  relationship: Relationship;
  contract: Contract;
}

/** What the deliverables context needs of a term. */
export function forDeliverables(contract: Contract): ContractForDeliverables {
  const { id, relationshipId, startDate, endDate, feePerDeliverable, currency, deliverablePlan } = contract;
  return { id, relationshipId, startDate, endDate, feePerDeliverable, currency, plan: deliverablePlan };
}

/** The steps every contract write shares: the lock order, inserting a term, the derived status, the log. */
@Injectable()
export class ContractLifecycle {
  readonly contracts: ScopedRepository<Contract>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relationships: RelationshipsService,
    private readonly activity: ActivityService,
  ) {
    this.contracts = new ScopedRepository(dataSource, Contract, 'Contract');
  }

  /**
   * Locks the relationship row, then the contract: every write to a relationship's terms takes the same
   * first lock, so they run one after another and each sees what the previous one committed (a second
   * activate finds the contract active; a second renew finds the next term). 404 outside the workspace.
   */
  async lock(manager: EntityManager, contractId: string): Promise<LockedContract> {
    const { relationshipId } = await this.contracts.get(contractId, undefined, manager);
    const relationship = await this.relationships.lock(manager, relationshipId);
    const contract = await this.contracts.getForUpdate(manager, contractId);
    return { relationship, contract };
  }

  /** One transaction for a transition: the locks, then 409 with the current status unless it is one of `from`. */
  transition<T>(
    contractId: string,
    action: string,
    from: readonly ContractStatus[],
    step: (manager: EntityManager, locked: LockedContract) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.lock(manager, contractId);
      if (!from.includes(locked.contract.status)) throw ContractsException.illegalTransition(action, locked.contract.status);
      return step(manager, locked);
    });
  }

  /** A new draft term numbered after the relationship's last; the caller holds the relationship lock. */
  async insert(
    manager: EntityManager,
    relationship: Relationship,
    currency: string,
    columns: ContractColumns & ContractDates,
  ): Promise<Contract> {
    const row = await this.contracts
      .query('c', manager)
      .select('MAX(c.termNumber)', 'last')
      .andWhere('c.relationshipId = :id', { id: relationship.id })
      .getRawOne<{ last: number | null }>();
    const values = {
      ...columns,
      relationshipId: relationship.id,
      currency,
      termNumber: (row?.last ?? 0) + 1,
      status: 'draft' as const,
      createdByUserId: RequestContext.actor().userId ?? null,
    };
    const contract = await this.contracts.save(this.contracts.create(values, manager), manager);
    await this.record(manager, contract, 'created', { ...columns, termNumber: contract.termNumber, currency });
    return contract;
  }

  async update(manager: EntityManager, contract: Contract, columns: ContractColumns): Promise<void> {
    await this.contracts.repo(manager).update(this.contracts.where({ id: contract.id }), columns);
    Object.assign(contract, columns);
  }

  /** Recomputed from all the relationship's terms after a transition, in the same transaction. */
  async syncRelationshipStatus(manager: EntityManager, relationship: Relationship): Promise<void> {
    const terms = await this.contracts.find(
      { where: { relationshipId: relationship.id }, select: { termNumber: true, status: true } },
      manager,
    );
    await this.relationships.setStatus(manager, relationship, deriveRelationshipStatus(terms));
  }

  /** The activity log entry of an action and, for the catalogue's transitions, its domain event (contractEvent). */
  async record(manager: EntityManager, contract: Contract, action: string, changes: Record<string, unknown>): Promise<void> {
    await this.activity.record(manager, {
      entityType: 'contract',
      entityId: contract.id,
      relationshipId: contract.relationshipId,
      action,
      changes,
    });
    const event = contractEvent(contract, action, changes);
    if (event) await recordEvent(manager, event);
  }
}
