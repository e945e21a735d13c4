import { HttpStatus } from '@nestjs/common';
import { AppException, formatMoney } from '@app/common';

export enum AttributionErrorCode {
  ReversalExceedsNet = 'CONVERSION_REVERSAL_EXCEEDS_NET',
  AlreadyReversed = 'CONVERSION_ALREADY_REVERSED',
  Voided = 'CONVERSION_VOIDED',
  OrderNotYetReceived = 'SHOPIFY_ORDER_NOT_YET_RECEIVED',
  BadSignature = 'SHOPIFY_BAD_SIGNATURE',
  Conflict = 'CONVERSION_CONFLICT',
}

export class AttributionException extends AppException {
  /**
   * Carries what is left so the client can retry with a valid amount without a second read; amounts in the
   * currency's minor units, as everywhere else in the API (stored at 4 decimals).
   */
  static exceedsNet(requested: string, remaining: string, currency: string): AttributionException {
    const code = /^0(\.0+)?$/.test(remaining) ? AttributionErrorCode.AlreadyReversed : AttributionErrorCode.ReversalExceedsNet;
    const [asked, left] = [formatMoney(requested, currency), formatMoney(remaining, currency)];
    return new AttributionException(
      HttpStatus.CONFLICT,
      code,
      `Cannot reverse ${asked} ${currency}: only ${left} ${currency} of the net amount is left to reverse`,
      undefined,
      { remaining: left, currency },
    );
  }

  /** A repeated (source, externalId) with other values: the recorded conversion is kept, the client told what differs. */
  static conflict(conversionId: string, fields: string[]): AttributionException {
    return new AttributionException(
      HttpStatus.CONFLICT,
      AttributionErrorCode.Conflict,
      `A conversion with this source and externalId is already recorded with other values (${fields.join(', ')}); the recorded values are kept`,
      fields.map((field) => ({ field, message: 'differs from the conversion already recorded under this source and externalId' })),
      { conversionId, fields },
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
