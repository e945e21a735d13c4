import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, compareDecimal, fromUnits, moneyErrors, toUnits, ValidationException } from '@app/common';
import { recordEvent } from '@app/events';
import { AttributionException } from '../attribution.exception';
import { conversionEvent } from '../conversion-events';
import { Conversion } from '../entities/conversion.entity';
import { ConversionsService } from '../services/conversions.service';

export interface ReversalInput {
  /** Omitted: everything not yet reversed. */
  amount?: string;
  reason: string;
  /** Natural key from the source (a Shopify refund id): a repeat records nothing. */
  externalId?: string;
  /** Shopify: reverse what is left rather than refuse a refund larger than the net (shipping, rounding). */
  capToRemaining?: boolean;
}

/**
 * A refund, full or partial, as a reversal row: the conversion is never deleted. The conversion row lock
 * serialises concurrent reversals, so the total reversed can never exceed the net amount (the CHECK on
 * reversed_amount is the backstop). The reversal's day in the brand's zone is marked for the rollups.
 */
@Injectable()
export class ReverseConversion {
  constructor(
    private readonly conversions: ConversionsService,
    private readonly clock: Clock,
  ) {}

  execute(id: string, input: ReversalInput, manager?: EntityManager): Promise<Conversion> {
    return this.conversions.change(id, manager, (m, conversion) => this.run(m, conversion, input));
  }

  private async run(manager: EntityManager, conversion: Conversion, input: ReversalInput): Promise<Conversion> {
    const { id } = conversion;
    // Voided: nothing is left to refund. Shopify's refund of it is acknowledged, so it does not retry for 48 h.
    if (conversion.voidedAt) {
      if (input.capToRemaining) return conversion;
      throw AttributionException.voided(id, conversion.voidedAt);
    }
    const remaining = fromUnits(toUnits(conversion.netAmount, 4) - toUnits(conversion.reversedAmount, 4), 4);
    let amount = input.amount ?? remaining;
    if (input.amount !== undefined) {
      const errors = moneyErrors({ amount: input.amount }, conversion.currency);
      if (compareDecimal(input.amount, '0') <= 0) errors.push({ field: 'amount', message: 'must be greater than 0' });
      if (errors.length) throw new ValidationException(errors);
    }
    if (input.capToRemaining && compareDecimal(amount, remaining) > 0) amount = remaining;
    if (compareDecimal(amount, '0') <= 0 || compareDecimal(amount, remaining) > 0) {
      if (input.capToRemaining) return conversion;
      throw AttributionException.exceedsNet(amount, remaining, conversion.currency);
    }
    const now = this.clock.now();
    const recorded: unknown[] = await manager.query(
      `INSERT INTO conversion_reversals (workspace_id, conversion_id, relationship_id, amount, reason, external_id, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (conversion_id, external_id) WHERE external_id IS NOT NULL DO NOTHING RETURNING id`,
      [conversion.workspaceId, conversion.id, conversion.relationshipId, amount, input.reason, input.externalId ?? null, now],
    );
    if (recorded.length === 0) return conversion;
    const reversed = fromUnits(toUnits(conversion.reversedAmount, 4) + toUnits(amount, 4), 4);
    const status = compareDecimal(reversed, conversion.netAmount) >= 0 ? 'reversed' : conversion.status;
    await this.conversions.conversions
      .repo(manager)
      .update(this.conversions.conversions.where({ id }), { reversedAmount: reversed, status });
    await this.conversions.markDays(manager, conversion, [now]);
    const after = await this.conversions.get(id, manager);
    await recordEvent(manager, conversionEvent('conversion.reversed', after, amount));
    return after;
  }
}
