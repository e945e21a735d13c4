import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, ValidationException } from '@app/common';
import { BrandsService } from '@app/brands';
import { DeliverablesService } from '@app/deliverables';
import { addDays } from '../contract-dates';
import { Contract } from '../contract.entity';
import { ContractLifecycle } from '../services/contract-lifecycle';

export interface TerminateInput {
  /** Last day in force, within the term; default: today in the brand's time zone. */
  effectiveDate?: string;
  reason: string;
}

/**
 * active → terminated. Deliverables due after the effective date are cancelled; a drafted renewal of
 * this term is cancelled with its deliverables (kept, not deleted: see docs/contracts.md).
 */
@Injectable()
export class TerminateContract {
  constructor(
    private readonly lifecycle: ContractLifecycle,
    private readonly deliverables: DeliverablesService,
    private readonly brands: BrandsService,
    private readonly clock: Clock,
  ) {}

  execute(id: string, input: TerminateInput): Promise<void> {
    return this.lifecycle.transition(id, 'terminate', ['active'], async (manager, { relationship, contract }) => {
      const { timezone } = await this.brands.get(relationship.brandId);
      const effectiveDate = input.effectiveDate ?? this.clock.today(timezone);
      if (effectiveDate < contract.startDate || effectiveDate > contract.endDate) {
        const today = input.effectiveDate ? '' : ` (it defaults to today in ${timezone}, ${effectiveDate}: give one)`;
        throw new ValidationException([
          { field: 'effectiveDate', message: `must be within the term ${contract.startDate} to ${contract.endDate}${today}` },
        ]);
      }
      await this.lifecycle.update(manager, contract, {
        status: 'terminated',
        terminationDate: effectiveDate,
        terminationReason: input.reason,
        terminatedAt: this.clock.now(),
      });
      await this.deliverables.cancelOpenFrom(manager, contract.id, addDays(effectiveDate, 1));
      const renewal = await this.cancelRenewal(manager, contract);
      await this.lifecycle.record(manager, contract, 'terminated', {
        status: { from: 'active', to: 'terminated' },
        effectiveDate,
        reason: input.reason,
        cancelledRenewalId: renewal?.id ?? null,
      });
      await this.lifecycle.syncRelationshipStatus(manager, relationship);
    });
  }

  private async cancelRenewal(manager: EntityManager, contract: Contract): Promise<Contract | null> {
    const renewal = await this.lifecycle.contracts.findOne({ previousContractId: contract.id, status: 'draft' }, undefined, manager);
    if (!renewal) return null;
    await this.lifecycle.update(manager, renewal, { status: 'cancelled' });
    await this.deliverables.cancelOpenFrom(manager, renewal.id, renewal.startDate);
    await this.lifecycle.record(manager, renewal, 'cancelled', {
      status: { from: 'draft', to: 'cancelled' },
      because: `term ${contract.termNumber} was terminated`,
    });
    return renewal;
  }
}
