import { HttpStatus } from '@nestjs/common';
import { AppException } from '@app/common';

export enum PayoutsErrorCode {
  IllegalTransition = 'PAYOUT_ILLEGAL_TRANSITION',
  NothingToExport = 'PAYOUT_RUN_NOTHING_TO_EXPORT',
  EntryAlreadyInPayout = 'PAYOUT_ENTRY_ALREADY_IN_PAYOUT',
  LedgerBusy = 'PAYOUT_RUN_LEDGER_BUSY',
}

export class PayoutsException extends AppException {
  static illegalTransition(what: string, from: string, action: string): PayoutsException {
    return new PayoutsException(
      HttpStatus.CONFLICT,
      PayoutsErrorCode.IllegalTransition,
      `A ${from} ${what} cannot be ${action}`,
      undefined,
      {
        currentStatus: from,
      },
    );
  }

  static nothingToExport(): PayoutsException {
    return new PayoutsException(
      HttpStatus.CONFLICT,
      PayoutsErrorCode.NothingToExport,
      'The run has no approved payout to export: approve it first',
    );
  }

  /** ex_payout_entries_live refused a span: another run took an entry in the meantime. Nothing was written; run again. */
  static entryTaken(): PayoutsException {
    return new PayoutsException(
      HttpStatus.CONFLICT,
      PayoutsErrorCode.EntryAlreadyInPayout,
      'Another payout run took some of these entries at the same moment; nothing was written, run it again',
    );
  }

  /**
   * The run's SHARE lock of the ledger was not granted within RUN_LOCK_TIMEOUT: another transaction holds a
   * conflicting lock. Nothing was written; a 503 (with Retry-After) because it passes once that transaction ends.
   */
  static ledgerBusy(): PayoutsException {
    return new PayoutsException(
      HttpStatus.SERVICE_UNAVAILABLE,
      PayoutsErrorCode.LedgerBusy,
      'The cost ledger is locked by another transaction; nothing was written, run it again in a few seconds',
    );
  }
}
