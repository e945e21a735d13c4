import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, NotFoundException } from '@app/common';
import { diff } from '@app/activity';
import { BrandsService } from '@app/brands';
import { RelationshipsService } from '@app/relationships';
import { Contract, ContractStatus } from '../contract.entity';
import { checkContract, ContractChanges, ContractInput, toColumns } from '../contract-input';
import { ContractRecord, selectContractRecords } from '../contract.record';
import { ContractsException } from '../contracts.exception';
import { ContractLifecycle } from './contract-lifecycle';

export interface ContractFilter {
  status?: ContractStatus;
  brandId?: string;
  relationshipId?: string;
  /** The terms of one ambassador's relationships (the portal). */
  influencerId?: string;
  /** Terms whose end date is strictly before this date: the renewal pipeline. */
  endingBefore?: string;
}

/** A term as the renewal chain shows it. */
export interface TermSummary {
  id: string;
  termNumber: number;
  status: ContractStatus;
  startDate: string;
  endDate: string;
  terminationDate: string | null;
}

/** The term in force on a (relationship, calendar day in the brand's zone) pair, as commissions need it. */
export interface TermInForce {
  relationshipId: string;
  day: string;
  contractId: string;
  commissionRate: string;
}

/** The term a relationship shows as current: the active one, else the latest that is not a cancelled draft. */
export function currentTerm<T extends { status: ContractStatus }>(terms: T[]): T | undefined {
  return terms.find((t) => t.status === 'active') ?? terms.filter((t) => t.status !== 'cancelled').at(-1);
}

/** Drafts: create, change, read. Transitions are use cases of their own (use-cases/). */
@Injectable()
export class ContractsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lifecycle: ContractLifecycle,
    private readonly relationships: RelationshipsService,
    private readonly brands: BrandsService,
  ) {}

  /** A draft in the brand's currency; its term number follows the relationship's last (under the relationship lock). */
  async create(input: ContractInput): Promise<ContractRecord> {
    const id = await this.dataSource.transaction(async (manager) => {
      const relationship = await this.relationships.lock(manager, input.relationshipId);
      const { currency } = await this.brands.get(relationship.brandId);
      const columns = { ...toColumns(input), startDate: input.startDate, endDate: input.endDate };
      checkContract(columns, columns, currency);
      return (await this.lifecycle.insert(manager, relationship, currency, columns)).id;
    });
    return this.get(id);
  }

  /** Only while draft: the terms of a signed contract change through renewal, not in place. */
  async update(id: string, changes: ContractChanges): Promise<ContractRecord> {
    await this.dataSource.transaction(async (manager) => {
      const { contract } = await this.lifecycle.lock(manager, id);
      if (contract.status !== 'draft') throw ContractsException.notEditable(contract.status);
      const columns = toColumns(changes);
      checkContract({ ...contract, ...columns }, columns, contract.currency);
      const before = { ...contract };
      await this.lifecycle.update(manager, contract, columns);
      const changed = diff(before, columns);
      if (!Object.keys(changed).length) return;
      await this.lifecycle.record(manager, contract, 'updated', changed);
      if (contract.termsAcceptedAt) await this.voidAcceptance(manager, contract);
    });
    return this.get(id);
  }

  /** The ambassador accepted other terms than these now: the acceptance no longer holds (the log keeps who and when). */
  private async voidAcceptance(manager: EntityManager, contract: Contract): Promise<void> {
    const voided = { name: contract.termsAcceptedName, acceptedAt: contract.termsAcceptedAt, termsSha256: contract.termsAcceptedSha256 };
    await this.lifecycle.update(manager, contract, {
      termsAcceptedName: null,
      termsAcceptedAt: null,
      termsAcceptedIp: null,
      termsAcceptedUserAgent: null,
      termsAcceptedSha256: null,
    });
    await this.lifecycle.record(manager, contract, 'terms_acceptance_voided', voided);
  }

  async get(id: string, manager?: EntityManager): Promise<ContractRecord> {
    const record = await selectContractRecords(this.lifecycle.contracts.query('c', manager))
      .andWhere('c.id = :id', { id })
      .getRawOne<ContractRecord>();
    if (!record) throw new NotFoundException('Contract', id);
    return record;
  }

  /** Ordered by end date then id (the renewal pipeline), keyset-paged; limit + 1 rows tell whether more exist. */
  async list(filter: ContractFilter, limit: number, cursor?: string): Promise<ContractRecord[]> {
    // The shared cursor codec carries the end date in its first key here.
    const after = decodeCursor(cursor);
    const query = selectContractRecords(this.lifecycle.contracts.query('c'))
      .orderBy('c.end_date', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit + 1);
    if (after)
      query.andWhere('(c.end_date, c.id) > (CAST(:endDate AS date), CAST(:id AS uuid))', { endDate: after.createdAt, id: after.id });
    if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
    if (filter.brandId) query.andWhere('r.brand_id = :brandId', { brandId: filter.brandId });
    if (filter.influencerId) query.andWhere('r.influencer_id = :influencerId', { influencerId: filter.influencerId });
    if (filter.relationshipId) query.andWhere('c.relationship_id = :relationshipId', { relationshipId: filter.relationshipId });
    if (filter.endingBefore) query.andWhere('c.end_date < :endingBefore', { endingBefore: filter.endingBefore });
    return query.getRawMany<ContractRecord>();
  }

  /** Every term of a relationship, first to last. */
  async terms(relationshipId: string): Promise<TermSummary[]> {
    const terms = await this.lifecycle.contracts.find({ where: { relationshipId }, order: { termNumber: 'ASC' } });
    return terms.map(({ id, termNumber, status, startDate, endDate, terminationDate }) => ({
      id,
      termNumber,
      status,
      startDate,
      endDate,
      terminationDate,
    }));
  }

  /**
   * One query for many (relationship, day) pairs: the term whose dates contain the day and that took effect
   * (active, renewed, ended, or terminated on or after the day). Terms never overlap, so at most one each.
   */
  async inForce(keys: { relationshipId: string; day: string }[], manager: EntityManager = this.dataSource.manager): Promise<TermInForce[]> {
    if (keys.length === 0) return [];
    return manager.query(
      `SELECT k.relationship_id AS "relationshipId", k.day::text AS "day", c.id AS "contractId", c.commission_rate::text AS "commissionRate"
         FROM unnest($2::uuid[], $3::date[]) AS k(relationship_id, day)
         JOIN contracts c ON c.workspace_id = $1 AND c.relationship_id = k.relationship_id AND k.day BETWEEN c.start_date AND c.end_date
        WHERE c.status IN ('active', 'renewed', 'ended') OR (c.status = 'terminated' AND c.termination_date >= k.day)`,
      [this.lifecycle.contracts.workspaceId(), keys.map((k) => k.relationshipId), keys.map((k) => k.day)],
    );
  }
}
