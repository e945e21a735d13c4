import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/common';
import { BrandsService } from '@app/brands';
import type { Relationship } from '@app/relationships';
import { nextTermDates } from '../contract-dates';
import { copyTerms } from '../contract-input';
import { Contract } from '../contract.entity';
import { ContractLifecycle } from '../services/contract-lifecycle';
import { ActivateContract } from './activate-contract';

export interface RolloverOutcome {
  contract: Contract;
  /** The status the ended term took: `renewed` when its next term became active. */
  status: 'renewed' | 'ended';
  nextContractId: string | null;
}

/** Runs inside the rollover's transaction, so what it writes (the notification row) commits with the status change or not at all. */
export type RolloverHook = (manager: EntityManager, outcome: RolloverOutcome) => Promise<void>;

/**
 * active → renewed | ended, the day after the end date in the brand's time zone (run by the worker, as
 * the system: the actor has no user). An auto-renewing term whose renewal was not cancelled activates
 * its next term: the draft `renew` made, else one drafted now with the same terms. Same locks as every
 * lifecycle write (relationship, then contract), so two workers rolling the same term serialise and the
 * second finds it no longer active and does nothing.
 */
@Injectable()
export class RolloverContract {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lifecycle: ContractLifecycle,
    private readonly activate: ActivateContract,
    private readonly brands: BrandsService,
    private readonly clock: Clock,
  ) {}

  /** null when there was nothing to do: rolled by someone else meanwhile, or not over yet in its brand's zone. */
  execute(id: string, hook?: RolloverHook): Promise<RolloverOutcome | null> {
    return this.dataSource.transaction(async (manager) => {
      const { relationship, contract } = await this.lifecycle.lock(manager, id);
      if (contract.status !== 'active') return null;
      const { timezone } = await this.brands.get(relationship.brandId);
      if (contract.endDate >= this.clock.today(timezone)) return null;
      const next = contract.autoRenew && !contract.autoRenewCancelledAt ? await this.nextTerm(manager, relationship, contract) : null;
      const status = next ? 'renewed' : 'ended';
      // The ended term leaves `active` first: activation refuses a second active term.
      await this.lifecycle.update(manager, contract, { status });
      await this.lifecycle.record(manager, contract, 'rolled_over', {
        status: { from: 'active', to: status },
        nextContractId: next?.id ?? null,
      });
      if (next) await this.activate.activateLocked(manager, { relationship, contract: next });
      else await this.lifecycle.syncRelationshipStatus(manager, relationship);
      const outcome: RolloverOutcome = { contract, status, nextContractId: next?.id ?? null };
      await hook?.(manager, outcome);
      return outcome;
    });
  }

  /** The drafted renewal, locked; a new draft when there is none; null when the renewal was cancelled (terminated chain). */
  private async nextTerm(manager: EntityManager, relationship: Relationship, contract: Contract): Promise<Contract | null> {
    const drafted = await this.lifecycle.contracts.findOne({ previousContractId: contract.id }, undefined, manager);
    if (drafted) return drafted.status === 'draft' ? this.lifecycle.contracts.getForUpdate(manager, drafted.id) : null;
    const columns = { ...copyTerms(contract), ...nextTermDates(contract), previousContractId: contract.id };
    return this.lifecycle.insert(manager, relationship, contract.currency, columns);
  }
}
