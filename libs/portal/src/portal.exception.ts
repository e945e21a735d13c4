import { HttpStatus } from '@nestjs/common';
import { AppException } from '@app/common';

export enum PortalErrorCode {
  NotSignedIn = 'PORTAL_NOT_SIGNED_IN',
  LinkInvalid = 'PORTAL_LINK_INVALID',
  LinkUsed = 'PORTAL_LINK_USED',
  LinkExpired = 'PORTAL_LINK_EXPIRED',
}

export class PortalException extends AppException {
  static notSignedIn(): PortalException {
    return new PortalException(HttpStatus.UNAUTHORIZED, PortalErrorCode.NotSignedIn, 'Sign in to the portal with the link we email you');
  }

  static invalidLink(): PortalException {
    return new PortalException(HttpStatus.BAD_REQUEST, PortalErrorCode.LinkInvalid, 'This is not a sign-in link of ours', [
      { field: 'token', message: 'is not a valid link' },
    ]);
  }

  /** 410 with the workspace, so the page can offer a fresh link by email. */
  static goneLink(state: 'used' | 'expired', workspaceId: string): PortalException {
    const code = state === 'used' ? PortalErrorCode.LinkUsed : PortalErrorCode.LinkExpired;
    const detail = state === 'used' ? 'This link was already used to sign in' : 'This link has expired';
    return new PortalException(HttpStatus.GONE, code, `${detail}; ask for a fresh one by email`, undefined, { workspaceId });
  }
}
