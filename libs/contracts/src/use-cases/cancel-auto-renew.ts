import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { ContractsException } from '../contracts.exception';
import { ContractLifecycle } from '../services/contract-lifecycle';

/**
 * Stops an active auto-renewing term from rolling over; auto_renew keeps what was signed. Idempotent:
 * a repeated call (a client retry) changes nothing and answers like the first. Accepted after the
 * notice deadline too: the CRM records what the parties agreed; the notice_deadline reminder is the nudge.
 */
@Injectable()
export class CancelAutoRenew {
  constructor(
    private readonly lifecycle: ContractLifecycle,
    private readonly clock: Clock,
  ) {}

  execute(id: string): Promise<void> {
    return this.lifecycle.transition(id, 'cancel auto-renewal of', ['active'], async (manager, { contract }) => {
      if (!contract.autoRenew) throw ContractsException.notAutoRenewing(contract.status);
      if (contract.autoRenewCancelledAt) return;
      await this.lifecycle.update(manager, contract, { autoRenewCancelledAt: this.clock.now() });
      await this.lifecycle.record(manager, contract, 'auto_renew_cancelled', { autoRenewCancelledAt: contract.autoRenewCancelledAt });
    });
  }
}
