import { eventMoneySql } from './event-money';

/**
 * Event data as SQL, for set-based writers (domainEventsSql): the shapes of event-catalogue.ts built by
 * jsonb_build_object over a source's columns.
 */
export function jsonObjectSql(fields: Record<string, string>): string {
  return `jsonb_build_object(${Object.entries(fields)
    .map(([key, sql]) => `'${key}', ${sql}`)
    .join(', ')})`;
}

/** ConversionData over a source with the conversions' columns; `extra` adds fields (SQL over the source). Amounts: as the API shows them (eventMoney). */
export function conversionDataSql(source: string, extra: Record<string, string> = {}): string {
  return jsonObjectSql({
    conversionId: `${source}.id`,
    relationshipId: `${source}.relationship_id`,
    status: `${source}.status`,
    netAmount: eventMoneySql(`${source}.net_amount`, `${source}.currency`),
    currency: `${source}.currency`,
    ...extra,
  });
}

/** CostData over a source with the cost_entries' columns. */
export function costDataSql(source: string, extra: Record<string, string> = {}): string {
  return jsonObjectSql({
    costId: `${source}.id`,
    relationshipId: `${source}.relationship_id`,
    amount: eventMoneySql(`${source}.amount`, `${source}.currency`),
    currency: `${source}.currency`,
    ...extra,
  });
}

/** PayoutData over a source with the payouts' columns (`currency` is char(3): trimmed by the text cast). */
export function payoutDataSql(source: string, extra: Record<string, string> = {}): string {
  return jsonObjectSql({
    payoutId: `${source}.id`,
    runId: `${source}.run_id`,
    influencerId: `${source}.influencer_id`,
    status: `${source}.status`,
    amount: eventMoneySql(`${source}.amount`, `${source}.currency::text`),
    currency: `${source}.currency::text`,
    ...extra,
  });
}
