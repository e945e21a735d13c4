import { Injectable, Logger } from '@nestjs/common';
import { CostsAccrual } from '@app/costs';
import { nextTermDates } from '../contract-dates';
import { checkContract, ContractTerms, copyTerms, toColumns } from '../contract-input';
import { ContractsException } from '../contracts.exception';
import { ContractLifecycle } from '../services/contract-lifecycle';

export interface RenewInput {
  /** Default: after renewal_term_months, else as long as the current term. */
  endDate?: string;
  /** Terms of the next contract that differ from the current one. */
  overrides?: ContractTerms;
}

/**
 * While active: drafts term n+1 from the day after the end, with the current terms unless overridden,
 * linked by previous_contract_id. It becomes active at rollover (worker), when this term ends. A term
 * renews once: a second call finds the first one's draft under the lock (uq_contracts_previous backs it).
 * Then the renewed term's retainer owed through today is accrued, so the figures a renewal is decided on are whole.
 */
@Injectable()
export class RenewContract {
  private readonly logger = new Logger('RenewContract');

  constructor(
    private readonly lifecycle: ContractLifecycle,
    private readonly accrual: CostsAccrual,
  ) {}

  /** The id of the new term. */
  async execute(id: string, input: RenewInput): Promise<string> {
    const nextId = await this.draftNext(id, input);
    // After the commit, not under the contract's row lock: the hourly run may be inserting the same days, and its
    // foreign key check waits for that lock while this insert would wait for its rows (a deadlock).
    await this.accrual
      .accrueContracts([id])
      .catch((error: Error) => this.logger.warn(`retainer of ${id} left to costs.accrue: ${error.message}`));
    return nextId;
  }

  private draftNext(id: string, input: RenewInput): Promise<string> {
    return this.lifecycle.transition(id, 'renew', ['active'], async (manager, { relationship, contract }) => {
      const next = await this.lifecycle.contracts.findOne({ previousContractId: contract.id }, undefined, manager);
      if (next) throw ContractsException.alreadyRenewed(contract.status, next.id);
      const overrides = toColumns(input.overrides ?? {});
      const columns = { ...copyTerms(contract), ...overrides, ...nextTermDates(contract, input.endDate), previousContractId: contract.id };
      checkContract(columns, overrides, contract.currency, 'overrides.');
      const created = await this.lifecycle.insert(manager, relationship, contract.currency, columns);
      await this.lifecycle.record(manager, contract, 'renewed', {
        nextContractId: created.id,
        startDate: created.startDate,
        endDate: created.endDate,
      });
      return created.id;
    });
  }
}
