import { isInteger, isSafeNumber, parse } from 'lossless-json';
import {
  compareDecimal,
  currencyMinorUnits,
  FieldError,
  fromUnits,
  INSTANT_RANGE_MESSAGE,
  isCurrencyCode,
  isInstantInRange,
  roundTo,
  toUnits,
  ValidationException,
} from '@app/common';
import type { ConversionInput } from '../conversion-input';

/** The fields of Shopify's `orders/paid` payload (Order resource) that attribution reads. */
export interface ShopifyOrder {
  id: number | string;
  processed_at?: string | null;
  created_at?: string | null;
  currency?: string;
  total_line_items_price?: string | number | null;
  subtotal_price?: string | number | null;
  total_discounts?: string | number | null;
  discount_codes?: { code?: string }[];
}

/** The fields of `refunds/create` (Refund resource) that a reversal needs. */
export interface ShopifyRefund {
  id: number | string;
  order_id: number | string;
  note?: string | null;
  refund_line_items?: { subtotal?: string | number | null }[];
}

const DECIMAL = /^\d{1,15}(\.\d+)?$/;

/**
 * JSON.parse, except that an integer beyond 2^53 stays its exact digits as a string: Shopify ids are 64-bit
 * (its own sample order 820982911946154508 read as a double is 820982911946154500, and ...509 too, so two
 * orders became one). Other numbers (prices in refund line items) are read as JSON.parse reads them.
 */
export function parseShopifyJson(text: string): unknown {
  return parse(text, undefined, (value) => (isInteger(value) && !isSafeNumber(value) ? value : Number(value)));
}

function decimal(value: string | number | null | undefined, field: string, digits: number): string {
  // Shopify sends prices as strings in orders and as JSON numbers in refund line items.
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text))
    throw new ValidationException([{ field, message: 'is missing or not a non-negative decimal' }]);
  return roundTo(text, digits);
}

/**
 * amount = total_line_items_price (line items before discounts, without shipping and tax), falling back to
 * subtotal_price + total_discounts; discount = total_discounts (capped at amount), so net = what the
 * customer paid for the products. Attributed by the first discount code; unattributed when no code is known.
 */
export function orderToConversion(order: ShopifyOrder): ConversionInput {
  const currency = order.currency ?? '';
  if (!isCurrencyCode(currency)) throw new ValidationException([{ field: 'currency', message: 'must be an ISO 4217 currency code' }]);
  const occurredAt = order.processed_at || order.created_at;
  const errors: FieldError[] = [];
  if (typeof order.id !== 'number' && (typeof order.id !== 'string' || !/^\d+$/.test(order.id)))
    errors.push({ field: 'id', message: 'must be the numeric order id' });
  if (typeof occurredAt !== 'string' || Number.isNaN(Date.parse(occurredAt)))
    errors.push({ field: 'processed_at', message: 'the order needs processed_at or created_at as an ISO 8601 timestamp' });
  else if (!isInstantInRange(new Date(occurredAt))) errors.push({ field: 'processed_at', message: INSTANT_RANGE_MESSAGE });
  if (errors.length) throw new ValidationException(errors);
  const digits = currencyMinorUnits(currency);
  const discount = order.total_discounts == null ? fromUnits(0n, digits) : decimal(order.total_discounts, 'total_discounts', digits);
  const amount =
    order.total_line_items_price != null
      ? decimal(order.total_line_items_price, 'total_line_items_price', digits)
      : fromUnits(toUnits(decimal(order.subtotal_price, 'subtotal_price', digits), digits) + toUnits(discount, digits), digits);
  const code = order.discount_codes?.find((d) => typeof d.code === 'string' && d.code.length > 0)?.code;
  return {
    source: 'shopify',
    externalId: String(order.id),
    occurredAt: new Date(occurredAt!).toISOString(),
    amount,
    discount: compareDecimal(discount, amount) > 0 ? amount : discount,
    currency,
    ...(code !== undefined && { code }),
    unattributed: true,
  };
}

/** Sum of refund_line_items[].subtotal (after line discounts, before tax): the product value refunded. */
export function refundAmount(refund: ShopifyRefund, currency: string): string {
  const digits = currencyMinorUnits(currency);
  const units = (refund.refund_line_items ?? []).reduce(
    (sum, item, i) => sum + toUnits(decimal(item.subtotal, `refund_line_items[${i}].subtotal`, digits), digits),
    0n,
  );
  return fromUnits(units, digits);
}
