import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ActivityService } from '@app/activity';
import { calendarDateIn, Clock, compareDecimal, fromUnits, RequestContext, toUnits } from '@app/common';
import { CostsService } from '@app/costs';
import { AttributionException } from '../attribution.exception';
import { commissionOf } from '../conversion-pricing';
import { Conversion } from '../entities/conversion.entity';
import { ConversionsService } from '../services/conversions.service';
import { recordEvent } from '@app/events';
import { conversionEvent } from '../conversion-events';

/**
 * A mistaken conversion taken out of every figure (docs/api-guide.md): the row stays, `voided`, with when, who
 * and why. Unlike a refund it is not an event of its own day: the rollups stop counting the conversion on its
 * order day and its refunds on theirs (it all goes, partly refunded or not). Commission already approved is
 * taken back by a negative entry on the void day (spend is booked when it happens, like a late refund's); a
 * pending conversion never gets approved, so it never had any. Under the conversion's row lock, like refunds.
 */
@Injectable()
export class VoidConversion {
  constructor(
    private readonly conversions: ConversionsService,
    private readonly costs: CostsService,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
  ) {}

  execute(id: string, reason: string, manager?: EntityManager): Promise<Conversion> {
    return this.conversions.change(id, manager, (m, conversion) => this.run(m, conversion, reason));
  }

  private async run(manager: EntityManager, conversion: Conversion, reason: string): Promise<Conversion> {
    const { id } = conversion;
    if (conversion.voidedAt) throw AttributionException.voided(id, conversion.voidedAt);
    const now = this.clock.now();
    const actor = RequestContext.actor();
    await this.conversions.conversions.repo(manager).update(this.conversions.conversions.where({ id }), {
      status: 'voided',
      voidedAt: now,
      voidedByUserId: actor.userId ?? null,
      voidedByApiKeyId: actor.apiKeyId ?? null,
      voidReason: reason,
    });
    const refunds: { occurredAt: Date }[] = await manager.query(
      `SELECT occurred_at AS "occurredAt" FROM conversion_reversals WHERE conversion_id = $1`,
      [id],
    );
    await this.conversions.markDays(manager, conversion, [conversion.occurredAt, ...refunds.map((r) => r.occurredAt)]);
    const commissionEntryId = await this.takeBackCommission(manager, conversion, reason, now);
    await this.activity.record(manager, {
      entityType: 'conversion',
      entityId: id,
      relationshipId: conversion.relationshipId,
      action: 'voided',
      changes: {
        status: { from: conversion.status, to: 'voided' },
        reason,
        netAmount: conversion.netAmount,
        reversedAmount: conversion.reversedAmount,
        commissionEntryId,
      },
    });
    const voided = await this.conversions.get(id, manager);
    await recordEvent(manager, conversionEvent('conversion.voided', voided, voided.reversedAmount));
    return voided;
  }

  /**
   * Once approved, the commission entries of a conversion add up to commission(net − all refunds) (the approval's
   * and one per later refund, some perhaps still to be written by costs.accrue): the void's entry is minus that,
   * so they all add up to 0 whichever is written first. Null when there is nothing to take back.
   */
  private async takeBackCommission(manager: EntityManager, conversion: Conversion, reason: string, now: Date): Promise<string | null> {
    const rate = conversion.commissionRate;
    if (!conversion.approvedAt || !rate || compareDecimal(rate, '0') <= 0) return null;
    const left = fromUnits(toUnits(conversion.netAmount, 4) - toUnits(conversion.reversedAmount, 4), 4);
    const owed = toUnits(commissionOf(left, rate), 4);
    const timezone = await this.conversions.timezoneOf(manager, conversion);
    if (owed === 0n || !timezone) return null;
    return this.costs.recordVoidedCommission(manager, {
      conversionId: conversion.id,
      relationshipId: conversion.relationshipId!,
      contractId: conversion.contractId,
      amount: fromUnits(-owed, 4),
      currency: conversion.currency,
      incurredOn: calendarDateIn(now, timezone),
      reason,
    });
  }
}
