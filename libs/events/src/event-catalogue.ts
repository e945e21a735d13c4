/**
 * Every event the outbox records (docs/webhooks.md lists each with an example body). The data carries ids
 * and the few fields that changed, never a whole record and never a secret: a receiver that needs more
 * reads it through the API.
 */
export interface EventDataMap {
  'relationship.created': { relationshipId: string; brandId: string; influencerId: string };
  'contract.created': ContractData;
  'contract.terms_accepted': ContractData;
  'contract.activated': ContractData;
  'contract.renewed': ContractData & { nextContractId: string };
  'contract.auto_renew_cancelled': ContractData;
  'contract.terminated': ContractData & { terminationDate: string; reason: string | null };
  'contract.ended': ContractData;
  'deliverable.submitted': DeliverableData;
  'deliverable.changes_requested': DeliverableData;
  'deliverable.approved': DeliverableData;
  'deliverable.published': DeliverableData & { postUrl: string | null; publishedAt: string | null };
  'deliverable.missed': DeliverableData;
  'deliverable.metrics_added': DeliverableData & { capturedAt: string };
  'conversion.created': ConversionData & { occurredAt: string };
  'conversion.approved': ConversionData;
  'conversion.reversed': ConversionData & { reversedAmount: string };
  'conversion.voided': ConversionData;
  'commission.created': CostData & { conversionId: string };
  'commission.reversed': CostData & { conversionId: string };
  'cost.recorded': CostData & { kind: string };
  'payout_run.created': { runId: string; brandId: string | null; periodEnd: string; payouts: number };
  'payout.approved': PayoutData;
  'payout.paid': PayoutData & { paidAt: string; reference: string | null };
  'payout.failed': PayoutData & { reason: string | null };
  'payout.cancelled': PayoutData & { reason: string | null };
  'report.quarter_closed': { brandId: string; quarter: string };
  'influencer.created': { influencerId: string };
  'influencer.updated': { influencerId: string; fields: string[] };
  ping: { endpointId: string };
}

export type EventType = keyof EventDataMap;
export type EventData<T extends EventType> = EventDataMap[T];

interface ContractData {
  contractId: string;
  relationshipId: string;
  status: string;
  startDate: string;
  endDate: string;
}

interface DeliverableData {
  deliverableId: string;
  contractId: string;
  relationshipId: string;
  status: string;
}

/** Money as a decimal string with its currency, as everywhere in the API. */
interface ConversionData {
  conversionId: string;
  relationshipId: string | null;
  status: string;
  netAmount: string;
  currency: string;
}

interface CostData {
  costId: string;
  relationshipId: string;
  amount: string;
  currency: string;
}

interface PayoutData {
  payoutId: string;
  runId: string;
  influencerId: string;
  status: string;
  amount: string;
  currency: string;
}

/** What an event is about: `subject_type` of domain_events. */
export type SubjectType =
  | 'relationship'
  | 'contract'
  | 'deliverable'
  | 'conversion'
  | 'cost'
  | 'payout'
  | 'payout_run'
  | 'brand'
  | 'influencer'
  | 'webhook_endpoint';

const types: Record<EventType, true> = {
  'relationship.created': true,
  'contract.created': true,
  'contract.terms_accepted': true,
  'contract.activated': true,
  'contract.renewed': true,
  'contract.auto_renew_cancelled': true,
  'contract.terminated': true,
  'contract.ended': true,
  'deliverable.submitted': true,
  'deliverable.changes_requested': true,
  'deliverable.approved': true,
  'deliverable.published': true,
  'deliverable.missed': true,
  'deliverable.metrics_added': true,
  'conversion.created': true,
  'conversion.approved': true,
  'conversion.reversed': true,
  'conversion.voided': true,
  'commission.created': true,
  'commission.reversed': true,
  'cost.recorded': true,
  'payout_run.created': true,
  'payout.approved': true,
  'payout.paid': true,
  'payout.failed': true,
  'payout.cancelled': true,
  'report.quarter_closed': true,
  'influencer.created': true,
  'influencer.updated': true,
  ping: true,
};

/** The catalogue as a list (subscriptions are validated against it); written as a record so a type cannot be left out. */
export const EVENT_TYPES = Object.keys(types) as EventType[];
