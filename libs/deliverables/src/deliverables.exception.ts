import { HttpStatus } from '@nestjs/common';
import { AppException } from '@app/common';
import type { DeliverableStatus } from './transitions';

export enum DeliverablesErrorCode {
  IllegalTransition = 'DELIVERABLE_ILLEGAL_TRANSITION',
  NotEditable = 'DELIVERABLE_NOT_EDITABLE',
  NotPublished = 'DELIVERABLE_NOT_PUBLISHED',
}

/** Conflicts carry `currentStatus` so a client can refresh its view without another read. */
export class DeliverablesException extends AppException {
  static illegalTransition(action: string, currentStatus: DeliverableStatus): DeliverablesException {
    return new DeliverablesException(
      HttpStatus.CONFLICT,
      DeliverablesErrorCode.IllegalTransition,
      `${action} is not allowed on a deliverable that is ${currentStatus}`,
      undefined,
      { currentStatus },
    );
  }

  static notEditable(currentStatus: DeliverableStatus): DeliverablesException {
    return new DeliverablesException(
      HttpStatus.CONFLICT,
      DeliverablesErrorCode.NotEditable,
      `A deliverable can be edited only while planned or changes_requested; this one is ${currentStatus}`,
      undefined,
      { currentStatus },
    );
  }

  static notPublished(currentStatus: DeliverableStatus): DeliverablesException {
    return new DeliverablesException(
      HttpStatus.CONFLICT,
      DeliverablesErrorCode.NotPublished,
      `Metrics can be added only to a published deliverable; this one is ${currentStatus}`,
      undefined,
      { currentStatus },
    );
  }
}
