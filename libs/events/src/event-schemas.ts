import { EventType } from './event-catalogue';

/**
 * What each field of an event's data holds, for the OpenAPI schema of its body (served at /docs) and for the
 * catalogue test that checks every recorded event against it. A trailing `?` allows null.
 */
export type EventField =
  'uuid' | 'uuid?' | 'string' | 'string?' | 'money' | 'currency' | 'date' | 'date-time' | 'date-time?' | 'integer' | 'string[]';

const contract = { contractId: 'uuid', relationshipId: 'uuid', status: 'string', startDate: 'date', endDate: 'date' } as const;
const deliverable = { deliverableId: 'uuid', contractId: 'uuid', relationshipId: 'uuid', status: 'string' } as const;
const conversion = { conversionId: 'uuid', relationshipId: 'uuid?', status: 'string', netAmount: 'money', currency: 'currency' } as const;
const cost = { costId: 'uuid', relationshipId: 'uuid', amount: 'money', currency: 'currency' } as const;
const payout = {
  payoutId: 'uuid',
  runId: 'uuid',
  influencerId: 'uuid',
  status: 'string',
  amount: 'money',
  currency: 'currency',
} as const;

/** Written as a record so an event type cannot be left out. */
export const EVENT_DATA_FIELDS: Record<EventType, Readonly<Record<string, EventField>>> = {
  'relationship.created': { relationshipId: 'uuid', brandId: 'uuid', influencerId: 'uuid' },
  'contract.created': contract,
  'contract.terms_accepted': contract,
  'contract.activated': contract,
  'contract.renewed': { ...contract, nextContractId: 'uuid' },
  'contract.auto_renew_cancelled': contract,
  'contract.terminated': { ...contract, terminationDate: 'date', reason: 'string?' },
  'contract.ended': contract,
  'deliverable.submitted': deliverable,
  'deliverable.changes_requested': deliverable,
  'deliverable.approved': deliverable,
  'deliverable.published': { ...deliverable, postUrl: 'string?', publishedAt: 'date-time?' },
  'deliverable.missed': deliverable,
  'deliverable.metrics_added': { ...deliverable, capturedAt: 'date-time' },
  'conversion.created': { ...conversion, occurredAt: 'date-time' },
  'conversion.approved': conversion,
  'conversion.reversed': { ...conversion, reversedAmount: 'money' },
  'conversion.voided': conversion,
  'commission.created': { ...cost, conversionId: 'uuid' },
  'commission.reversed': { ...cost, conversionId: 'uuid' },
  'cost.recorded': { ...cost, kind: 'string' },
  'payout_run.created': { runId: 'uuid', brandId: 'uuid?', periodEnd: 'date', payouts: 'integer' },
  'payout.approved': payout,
  'payout.paid': { ...payout, paidAt: 'date-time', reference: 'string?' },
  'payout.failed': { ...payout, reason: 'string?' },
  'payout.cancelled': { ...payout, reason: 'string?' },
  'report.quarter_closed': { brandId: 'uuid', quarter: 'string' },
  'influencer.created': { influencerId: 'uuid' },
  'influencer.updated': { influencerId: 'uuid', fields: 'string[]' },
  ping: { endpointId: 'uuid' },
};

const MONEY = '^-?\\d+(\\.\\d+)?$';

/** The JSON schema (OpenAPI 3.0 flavour) of one field. */
export function eventFieldSchema(field: EventField): Record<string, unknown> {
  const nullable = field.endsWith('?') ? { nullable: true } : {};
  switch (field.replace('?', '')) {
    case 'uuid':
      return { type: 'string', format: 'uuid', ...nullable };
    case 'money':
      return { type: 'string', pattern: MONEY, description: "Decimal string with the currency's minor units", example: '90.00' };
    case 'currency':
      return { type: 'string', pattern: '^[A-Z]{3}$', example: 'EUR' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'date-time':
      return { type: 'string', format: 'date-time', ...nullable };
    case 'integer':
      return { type: 'integer' };
    case 'string[]':
      return { type: 'array', items: { type: 'string' } };
    default:
      return { type: 'string', ...nullable };
  }
}

/** Whether a recorded value is what its field says (the catalogue test reads every event back with it). */
export function matchesEventField(field: EventField, value: unknown): boolean {
  if (value === null) return field.endsWith('?');
  const kind = field.replace('?', '');
  if (kind === 'integer') return Number.isInteger(value);
  if (kind === 'string[]') return Array.isArray(value) && value.every((v) => typeof v === 'string');
  if (typeof value !== 'string') return false;
  const patterns: Record<string, RegExp> = {
    uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    money: new RegExp(MONEY),
    currency: /^[A-Z]{3}$/,
    date: /^\d{4}-\d{2}-\d{2}$/,
    'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/,
  };
  return patterns[kind]?.test(value) ?? true;
}
