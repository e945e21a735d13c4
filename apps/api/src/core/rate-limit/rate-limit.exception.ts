import { HttpStatus } from '@nestjs/common';
import { AppException } from '@app/common';

export enum RateLimitErrorCode {
  RateLimited = 'RATE_LIMITED',
  WorkspaceRateLimited = 'WORKSPACE_RATE_LIMITED',
  LoginThrottled = 'LOGIN_THROTTLED',
  SignupThrottled = 'SIGNUP_THROTTLED',
  ReportSendsThrottled = 'REPORT_SENDS_THROTTLED',
  PortalSignInThrottled = 'PORTAL_SIGN_IN_THROTTLED',
}

/** 429; the thrower has set Retry-After on the response, `retryAfter` repeats it (seconds) in the body. */
export class RateLimitException extends AppException {
  constructor(code: RateLimitErrorCode, detail: string, retryAfter: number) {
    super(HttpStatus.TOO_MANY_REQUESTS, code, detail, undefined, { retryAfter });
  }
}
