import { HttpStatus } from '@nestjs/common';
import { AppException } from '@app/common';

export enum PayoutsErrorCode {
  IllegalTransition = 'PAYOUT_ILLEGAL_TRANSITION',
  NothingToExport = 'PAYOUT_RUN_NOTHING_TO_EXPORT',
  EntryAlreadyInPayout = 'PAYOUT_ENTRY_ALREADY_IN_PAYOUT',
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
}
