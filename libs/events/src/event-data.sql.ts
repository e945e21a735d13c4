/**
 * Event data as SQL, for set-based writers (domainEventsSql): the shapes of event-catalogue.ts built by
 * jsonb_build_object over a source's columns.
 */
export function jsonObjectSql(fields: Record<string, string>): string {
  return `jsonb_build_object(${Object.entries(fields)
    .map(([key, sql]) => `'${key}', ${sql}`)
    .join(', ')})`;
}

/** ConversionData over a source with the conversions' columns; `extra` adds fields (SQL over the source). Amounts: the stored decimal strings (4 places). */
export function conversionDataSql(source: string, extra: Record<string, string> = {}): string {
  return jsonObjectSql({
    conversionId: `${source}.id`,
    relationshipId: `${source}.relationship_id`,
    status: `${source}.status`,
    netAmount: `${source}.net_amount::text`,
    currency: `${source}.currency`,
    ...extra,
  });
}

/** CostData over a source with the cost_entries' columns. */
export function costDataSql(source: string, extra: Record<string, string> = {}): string {
  return jsonObjectSql({
    costId: `${source}.id`,
    relationshipId: `${source}.relationship_id`,
    amount: `${source}.amount::text`,
    currency: `${source}.currency`,
    ...extra,
  });
}
