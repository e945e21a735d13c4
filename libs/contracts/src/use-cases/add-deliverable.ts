import { Injectable } from '@nestjs/common';
import { DeliverablesService, NewDeliverable } from '@app/deliverables';
import { ContractLifecycle, forDeliverables } from '../services/contract-lifecycle';

/**
 * A deliverable added by hand to a draft or active term, under the same locks as the lifecycle so it
 * cannot slip in beside a concurrent termination. DeliverablesService checks the fields and logs it.
 */
@Injectable()
export class AddDeliverable {
  constructor(
    private readonly lifecycle: ContractLifecycle,
    private readonly deliverables: DeliverablesService,
  ) {}

  /** The id of the new deliverable. */
  execute(contractId: string, input: NewDeliverable): Promise<string> {
    // Request DTOs carry unsent fields as undefined, which would override the service's defaults (the fee).
    const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as NewDeliverable;
    return this.lifecycle.transition(contractId, 'add a deliverable to', ['draft', 'active'], (manager, { contract }) =>
      this.deliverables.addToContract(manager, forDeliverables(contract), given),
    );
  }
}
