import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { compareDecimal, FieldError, isUuid, RequestContext, Role, ValidationException } from '@app/common';
import { AppMetrics } from '@app/metrics';
import { WorkspacesService } from '@app/workspaces';
import { AttributionException } from '../attribution.exception';
import { priceConversion } from '../conversion-pricing';
import { ConversionsService } from '../services/conversions.service';
import { IngestConversions } from '../use-cases/ingest-conversions';
import { ReverseConversion } from '../use-cases/reverse-conversion';
import { orderToConversion, parseShopifyJson, refundAmount, ShopifyOrder, ShopifyRefund } from './shopify-payloads';

export interface ShopifyDelivery {
  workspaceId: string;
  hmac?: string;
  webhookId?: string;
  topic?: string;
  rawBody?: Buffer;
}

export const SHOPIFY_OUTCOMES = ['processed', 'duplicate', 'ignored', 'rejected'] as const;
export type ShopifyOutcome = (typeof SHOPIFY_OUTCOMES)[number];

/** `errors`: why an order was rejected. */
export interface ShopifyResult {
  outcome: ShopifyOutcome;
  errors?: FieldError[];
}

/**
 * One Shopify delivery: signature first, then everything in one transaction that also records the webhook
 * id in inbound_webhooks, so a redelivery is a no-op and a failed delivery (rolled back) is retried whole.
 * All SQL, no outbound calls: it answers well within Shopify's 5 s timeout.
 */
@Injectable()
export class ShopifyWebhook {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workspaces: WorkspacesService,
    private readonly conversions: ConversionsService,
    private readonly ingest: IngestConversions,
    private readonly reverse: ReverseConversion,
    private readonly metrics: AppMetrics,
  ) {}

  async handle(delivery: ShopifyDelivery): Promise<ShopifyResult> {
    await this.verify(delivery);
    if (!delivery.webhookId) throw new ValidationException([{ field: 'X-Shopify-Webhook-Id', message: 'is required' }]);
    let payload: unknown;
    try {
      payload = parseShopifyJson(delivery.rawBody!.toString('utf8'));
    } catch {
      throw new ValidationException([{ field: 'body', message: 'is not valid JSON' }]);
    }
    const actor = { workspaceId: delivery.workspaceId, role: Role.Manager };
    const result = await RequestContext.run(
      () => this.dataSource.transaction((manager) => this.process(manager, delivery, payload)),
      actor,
    );
    if (result.outcome === 'rejected') this.metrics.shopifyOrdersRejected.inc();
    return result;
  }

  private async verify({ workspaceId, hmac, rawBody }: ShopifyDelivery): Promise<void> {
    const secret = isUuid(workspaceId) ? await this.workspaces.shopifySecretOf(workspaceId) : null;
    if (!secret || !hmac || !rawBody) throw AttributionException.badSignature();
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    const given = Buffer.from(hmac, 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw AttributionException.badSignature();
  }

  private async process(manager: EntityManager, delivery: ShopifyDelivery, payload: unknown): Promise<ShopifyResult> {
    const fresh: unknown[] = await manager.query(
      `INSERT INTO inbound_webhooks (workspace_id, source, external_id, topic) VALUES ($1, 'shopify', $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
      [delivery.workspaceId, delivery.webhookId, delivery.topic ?? ''],
    );
    if (fresh.length === 0) return { outcome: 'duplicate' };
    switch (delivery.topic) {
      case 'orders/paid':
        return this.order(manager, payload as ShopifyOrder);
      case 'refunds/create':
        await this.refund(manager, payload as ShopifyRefund);
        return { outcome: 'processed' };
      default:
        return { outcome: 'ignored' };
    }
  }

  /**
   * The order id dedupes too: orders/paid sent again under another webhook id inserts nothing. An order its
   * content rules out (a future or impossible date, bad amounts, other values than the order recorded under
   * its id) answers 200 `rejected` with the errors, its delivery recorded: a 4xx would only make Shopify
   * redeliver the same payload for hours, then drop the subscription.
   */
  private async order(manager: EntityManager, order: ShopifyOrder): Promise<ShopifyResult> {
    let input;
    try {
      input = orderToConversion(order);
    } catch (error) {
      if (error instanceof ValidationException) return { outcome: 'rejected', errors: error.errors };
      throw error;
    }
    let result = await this.ingest.execute([input], manager);
    // A known code that cannot be used (another currency, no fx rate in the payload): counted, unattributed.
    if (result.rejected.length && input.code !== undefined) result = await this.ingest.execute([{ ...input, code: undefined }], manager);
    if (result.rejected.length) return { outcome: 'rejected', errors: result.rejected[0].errors };
    const conflict = result.conflicts[0];
    if (conflict)
      return {
        outcome: 'rejected',
        errors: conflict.fields.map((field) => ({ field, message: 'differs from the order already recorded under this id (kept)' })),
      };
    return { outcome: 'processed' };
  }

  /**
   * A refund before its order answers 409 (rolled back, webhook id not recorded): Shopify redelivers for
   * 48 h, and orders/paid normally lands within seconds. The refund id dedupes reversals.
   */
  private async refund(manager: EntityManager, refund: ShopifyRefund): Promise<void> {
    const conversion = await this.conversions.findByExternalId('shopify', String(refund.order_id), manager);
    if (!conversion) throw AttributionException.orderNotYetReceived(String(refund.order_id));
    const shopCurrency = conversion.originalCurrency ?? conversion.currency;
    const refunded = refundAmount(refund, shopCurrency);
    if (compareDecimal(refunded, '0') <= 0) return;
    // Refunds are in the shop's currency: converted at the order's own rate, like the order was.
    const amount = conversion.fxRate
      ? priceConversion({ amount: refunded, currency: shopCurrency, fxRate: conversion.fxRate }, conversion.currency).amounts!.netAmount
      : refunded;
    await this.reverse.execute(
      conversion.id,
      { amount, reason: refund.note || 'Shopify refund', externalId: String(refund.id), capToRemaining: true },
      manager,
    );
  }
}
