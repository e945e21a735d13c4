import { DomainEventInput, eventMoney, EventType } from '@app/events';
import type { Conversion } from './entities/conversion.entity';

type ConversionEventType = Extract<EventType, 'conversion.reversed' | 'conversion.voided'>;

/** A row-by-row conversion event (a reversal, a void), read after the change. */
export function conversionEvent(type: ConversionEventType, c: Conversion, reversedAmount: string): DomainEventInput {
  const netAmount = eventMoney(c.netAmount, c.currency);
  const data = { conversionId: c.id, relationshipId: c.relationshipId, status: c.status, netAmount, currency: c.currency };
  return type === 'conversion.reversed'
    ? { type, subjectType: 'conversion', subjectId: c.id, data: { ...data, reversedAmount: eventMoney(reversedAmount, c.currency) } }
    : { type, subjectType: 'conversion', subjectId: c.id, data };
}
