import { HttpStatus } from '@nestjs/common';
import { AppException } from '@app/common';

export enum EventsErrorCode {
  UrlRefused = 'WEBHOOK_URL_REFUSED',
}

export class EventsException extends AppException {
  static urlRefused(reason: string): EventsException {
    return new EventsException(HttpStatus.BAD_REQUEST, EventsErrorCode.UrlRefused, `url ${reason}`, [{ field: 'url', message: reason }]);
  }
}
