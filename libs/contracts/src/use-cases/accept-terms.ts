import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { ContractsException } from '../contracts.exception';
import { ContractLifecycle } from '../services/contract-lifecycle';
import { ContractsService } from '../services/contracts.service';
import { canonicalTerms, termsSha256 } from '../terms';

export interface TermsAcceptanceInput {
  fullName: string;
  /** The hash of the terms the ambassador was shown: 409 when the draft changed since. */
  termsSha256: string;
  ip: string | null;
  userAgent: string | null;
}

/**
 * The ambassador accepts a draft's terms by typing their name (the portal; the caller checked the contract is
 * theirs). On record: name, time, IP, user agent and the SHA-256 of the canonical terms. A later change to the
 * draft voids it (ContractsService.update).
 */
@Injectable()
export class AcceptTerms {
  constructor(
    private readonly lifecycle: ContractLifecycle,
    private readonly contracts: ContractsService,
    private readonly clock: Clock,
  ) {}

  execute(id: string, input: TermsAcceptanceInput): Promise<void> {
    return this.lifecycle.transition(id, 'accept the terms of', ['draft'], async (manager, { contract }) => {
      const current = termsSha256(canonicalTerms(await this.contracts.get(id, manager)));
      if (current !== input.termsSha256) throw ContractsException.termsChanged(contract.status);
      await this.lifecycle.update(manager, contract, {
        termsAcceptedName: input.fullName,
        termsAcceptedAt: this.clock.now(),
        termsAcceptedIp: input.ip,
        termsAcceptedUserAgent: input.userAgent,
        termsAcceptedSha256: current,
      });
      await this.lifecycle.record(manager, contract, 'terms_accepted', { name: input.fullName, termsSha256: current });
    });
  }
}
