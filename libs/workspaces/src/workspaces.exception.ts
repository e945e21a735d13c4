import { HttpStatus } from '@nestjs/common';
import { AppException } from '@app/common';

export enum WorkspacesErrorCode {
  InvalidCredentials = 'INVALID_CREDENTIALS',
  InvalidToken = 'INVALID_TOKEN',
  MissingToken = 'MISSING_TOKEN',
  InsufficientRole = 'INSUFFICIENT_ROLE',
  EmailTaken = 'EMAIL_TAKEN',
  LastOwner = 'LAST_OWNER',
  RoleTooHigh = 'ROLE_TOO_HIGH',
  AlreadyMember = 'ALREADY_MEMBER',
  InvitationInvalid = 'INVITATION_INVALID',
  InvitationForAnotherEmail = 'INVITATION_FOR_ANOTHER_EMAIL',
  InvitationNotPending = 'INVITATION_NOT_PENDING',
  UserRequired = 'USER_REQUIRED',
  TooManyApiKeys = 'TOO_MANY_API_KEYS',
  BrowserHeaderMissing = 'BROWSER_HEADER_MISSING',
}

export class WorkspacesException extends AppException {
  static unauthorized(code: WorkspacesErrorCode, detail: string): WorkspacesException {
    return new WorkspacesException(HttpStatus.UNAUTHORIZED, code, detail);
  }

  static forbidden(code: WorkspacesErrorCode, detail: string): WorkspacesException {
    return new WorkspacesException(HttpStatus.FORBIDDEN, code, detail);
  }

  static notFound(code: WorkspacesErrorCode, detail: string): WorkspacesException {
    return new WorkspacesException(HttpStatus.NOT_FOUND, code, detail);
  }

  static tooManyApiKeys(limit: number): WorkspacesException {
    const detail = `This workspace has ${limit} API keys, the most it may have; revoke one it no longer uses first`;
    return new WorkspacesException(HttpStatus.CONFLICT, WorkspacesErrorCode.TooManyApiKeys, detail, undefined, { limit });
  }

  static conflict(code: WorkspacesErrorCode, detail: string, field: string): WorkspacesException {
    return new WorkspacesException(HttpStatus.CONFLICT, code, detail, [{ field, message: detail }]);
  }
}
