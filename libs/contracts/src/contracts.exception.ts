import { HttpStatus } from '@nestjs/common';
import { AppException } from '@app/common';
import type { ContractStatus } from './contract.entity';

export enum ContractsErrorCode {
  IllegalTransition = 'CONTRACT_ILLEGAL_TRANSITION',
  NotEditable = 'CONTRACT_NOT_EDITABLE',
  Overlap = 'CONTRACT_OVERLAP',
  AnotherActive = 'CONTRACT_ANOTHER_ACTIVE',
  AlreadyRenewed = 'CONTRACT_ALREADY_RENEWED',
  NotAutoRenewing = 'CONTRACT_NOT_AUTO_RENEWING',
  TermsNotAccepted = 'CONTRACT_TERMS_NOT_ACCEPTED',
  TermsChanged = 'CONTRACT_TERMS_CHANGED',
  NoAmbassadorEmail = 'CONTRACT_NO_AMBASSADOR_EMAIL',
}

/** Conflicts carry `currentStatus` (and the other contract's id where one is involved) so clients need no second read. */
export class ContractsException extends AppException {
  private static conflict(code: ContractsErrorCode, detail: string, extra: Record<string, unknown>): ContractsException {
    return new ContractsException(HttpStatus.CONFLICT, code, detail, undefined, extra);
  }

  static illegalTransition(action: string, currentStatus: ContractStatus): ContractsException {
    return this.conflict(ContractsErrorCode.IllegalTransition, `Cannot ${action} a contract that is ${currentStatus}`, { currentStatus });
  }

  static notEditable(currentStatus: ContractStatus): ContractsException {
    return this.conflict(ContractsErrorCode.NotEditable, `A contract can be changed only while draft; this one is ${currentStatus}`, {
      currentStatus,
    });
  }

  static overlap(
    currentStatus: ContractStatus,
    other: { id: string; status: string; startDate: string; endDate: string },
  ): ContractsException {
    const detail = `The term overlaps contract ${other.id} (${other.status}, ${other.startDate} to ${other.endDate}) of the same relationship`;
    return this.conflict(ContractsErrorCode.Overlap, detail, { currentStatus, conflictingContractId: other.id });
  }

  static anotherActive(currentStatus: ContractStatus, otherId: string): ContractsException {
    return this.conflict(
      ContractsErrorCode.AnotherActive,
      `Contract ${otherId} is active for this relationship; a next term becomes active when it ends`,
      { currentStatus, conflictingContractId: otherId },
    );
  }

  static alreadyRenewed(currentStatus: ContractStatus, nextContractId: string): ContractsException {
    return this.conflict(ContractsErrorCode.AlreadyRenewed, `This contract was already renewed as contract ${nextContractId}`, {
      currentStatus,
      nextContractId,
    });
  }

  static notAutoRenewing(currentStatus: ContractStatus): ContractsException {
    return this.conflict(ContractsErrorCode.NotAutoRenewing, 'This contract does not renew automatically', { currentStatus });
  }

  static termsNotAccepted(currentStatus: ContractStatus): ContractsException {
    return this.conflict(
      ContractsErrorCode.TermsNotAccepted,
      'This workspace requires the ambassador to accept the terms before activation (POST /v1/contracts/:id/send-terms)',
      { currentStatus },
    );
  }

  static termsChanged(currentStatus: ContractStatus): ContractsException {
    return this.conflict(ContractsErrorCode.TermsChanged, 'The terms changed since they were shown; read them again before accepting', {
      currentStatus,
    });
  }

  static noAmbassadorEmail(currentStatus: ContractStatus): ContractsException {
    return this.conflict(ContractsErrorCode.NoAmbassadorEmail, 'The influencer has no email address to send the terms to', {
      currentStatus,
    });
  }
}
