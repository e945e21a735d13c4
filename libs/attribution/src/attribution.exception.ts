import { HttpStatus } from '@nestjs/common';
import { AppException } from '@app/common';

export enum AttributionErrorCode {
  ReversalExceedsNet = 'CONVERSION_REVERSAL_EXCEEDS_NET',
  AlreadyReversed = 'CONVERSION_ALREADY_REVERSED',
  Voided = 'CONVERSION_VOIDED',
  OrderNotYetReceived = 'SHOPIFY_ORDER_NOT_YET_RECEIVED',
  BadSignature = 'SHOPIFY_BAD_SIGNATURE',
}

export class AttributionException extends AppException {
  /** Carries what is left so the client can retry with a valid amount without a second read. */
  static exceedsNet(requested: string, remaining: string): AttributionException {
    const code =
      remaining === '0' || /^0(\.0+)?$/.test(remaining) ? AttributionErrorCode.AlreadyReversed : AttributionErrorCode.ReversalExceedsNet;
    return new AttributionException(
      HttpStatus.CONFLICT,
      code,
      `Cannot reverse ${requested}: only ${remaining} of the net amount is left to reverse`,
      undefined,
      { remaining },
    );
  }

  /** A void is final: the conversion takes no second void and no refund (it counts nowhere already). */
  static voided(id: string, voidedAt: Date): AttributionException {
    return new AttributionException(
      HttpStatus.CONFLICT,
      AttributionErrorCode.Voided,
      `Conversion ${id} was voided at ${voidedAt.toISOString()}; a voided conversion cannot change`,
      undefined,
      { voidedAt: voidedAt.toISOString() },
    );
  }

  /** Non-2xx on purpose: Shopify retries for 48 h, by which time the order has normally arrived. */
  static orderNotYetReceived(orderId: string): AttributionException {
    return new AttributionException(
      HttpStatus.CONFLICT,
      AttributionErrorCode.OrderNotYetReceived,
      `Order ${orderId} has not been received yet; retry the refund later`,
    );
  }

  /** Same answer for an unknown workspace, a missing secret and a wrong signature: nothing leaks. */
  static badSignature(): AttributionException {
    return new AttributionException(
      HttpStatus.UNAUTHORIZED,
      AttributionErrorCode.BadSignature,
      'The webhook signature is missing or invalid',
    );
  }
}
