import { HttpStatus } from '@nestjs/common';
import { AppException, FieldError } from '@app/common';

export enum InfluencersErrorCode {
  HandleTaken = 'INFLUENCER_HANDLE_TAKEN',
  ImportTooLarge = 'INFLUENCER_IMPORT_TOO_LARGE',
  ImportUnreadable = 'INFLUENCER_IMPORT_UNREADABLE',
  ImportNotCsv = 'INFLUENCER_IMPORT_NOT_CSV',
}

export function handleTakenError(field: string, account: { platform: string; handle: string }): FieldError {
  return { field, message: `${account.platform} handle "${account.handle}" already belongs to another influencer` };
}

export class InfluencersException extends AppException {
  static handleTaken(field: string, account: { platform: string; handle: string }): InfluencersException {
    const error = handleTakenError(field, account);
    return new InfluencersException(HttpStatus.CONFLICT, InfluencersErrorCode.HandleTaken, error.message, [error]);
  }

  static importTooLarge(maxRows: number): InfluencersException {
    return new InfluencersException(
      HttpStatus.PAYLOAD_TOO_LARGE,
      InfluencersErrorCode.ImportTooLarge,
      `An import holds at most ${maxRows} data rows; split the file and send the parts one after another`,
    );
  }

  static importUnreadable(detail: string, errors?: FieldError[]): InfluencersException {
    return new InfluencersException(HttpStatus.BAD_REQUEST, InfluencersErrorCode.ImportUnreadable, detail, errors);
  }

  static importNotCsv(): InfluencersException {
    return new InfluencersException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      InfluencersErrorCode.ImportNotCsv,
      'Send the file as the request body with "Content-Type: text/csv"',
    );
  }
}
