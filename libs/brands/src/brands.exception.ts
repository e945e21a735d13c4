import { HttpStatus } from '@nestjs/common';
import { AppException } from '@app/common';

export enum BrandsErrorCode {
  ManagerNotMember = 'BRAND_MANAGER_NOT_MEMBER',
  CurrencyLocked = 'BRAND_CURRENCY_LOCKED',
}

export class BrandsException extends AppException {
  static managerNotMember(userIds: string[]): BrandsException {
    return new BrandsException(
      HttpStatus.BAD_REQUEST,
      BrandsErrorCode.ManagerNotMember,
      `Not members of this workspace: ${userIds.join(', ')}`,
      [{ field: 'managerUserIds', message: `must be users of this workspace; unknown: ${userIds.join(', ')}` }],
    );
  }

  static currencyLocked(): BrandsException {
    return new BrandsException(
      HttpStatus.CONFLICT,
      BrandsErrorCode.CurrencyLocked,
      'The currency cannot change once the brand has relationships: their money is recorded in it',
      [{ field: 'currency', message: 'cannot change once the brand has relationships' }],
    );
  }
}
