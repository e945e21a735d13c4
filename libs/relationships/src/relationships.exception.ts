import { HttpStatus } from '@nestjs/common';
import { AppException } from '@app/common';

export enum RelationshipsErrorCode {
  Exists = 'RELATIONSHIP_EXISTS',
  OwnerNotMember = 'RELATIONSHIP_OWNER_NOT_MEMBER',
}

export class RelationshipsException extends AppException {
  /** Carries the existing id so a client that lost the first answer can carry on with it. */
  static exists(existingId: string): RelationshipsException {
    return new RelationshipsException(
      HttpStatus.CONFLICT,
      RelationshipsErrorCode.Exists,
      `This brand and influencer already have relationship ${existingId}`,
      undefined,
      { existingId },
    );
  }

  static ownerNotMember(userId: string): RelationshipsException {
    return new RelationshipsException(
      HttpStatus.BAD_REQUEST,
      RelationshipsErrorCode.OwnerNotMember,
      `User ${userId} is not a member of this workspace`,
      [{ field: 'ownerUserId', message: 'must be a member of this workspace' }],
    );
  }
}
