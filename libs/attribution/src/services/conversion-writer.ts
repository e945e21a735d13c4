import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Attribution, ConversionInput } from '../conversion-input';
import type { PricedAmounts } from '../conversion-pricing';
import { conversionDataSql, domainEventsSql, markEventsRecorded } from '@app/events';

/** A row ready to insert: what was sent, who it belongs to, what it is worth. */
export interface ConversionRow {
  index: number;
  input: ConversionInput;
  /** keyOf(input), built once per row. */
  key: string;
  attribution: Attribution;
  amounts: PricedAmounts;
  contractId: string | null;
  commissionRate: string | null;
  commissionAmount: string;
  /** Calendar day in the brand's zone, for the rollup marks; null when unattributed. */
  day: string | null;
}

// A whole batch (5,000) in one statement: parameters are arrays, so the 65,535-parameter cap does not
// apply, and each round trip and executor start measured as dear as hundreds of rows.
const CHUNK = 5_000;

const columns: [string, string, (r: ConversionRow) => string | null][] = [
  ['relationship_id', 'uuid', (r) => r.attribution.relationshipId],
  ['contract_id', 'uuid', (r) => r.contractId],
  ['tracking_code_id', 'uuid', (r) => r.attribution.trackingCodeId],
  ['source', 'text', (r) => r.input.source],
  ['external_id', 'text', (r) => r.input.externalId],
  ['occurred_at', 'timestamptz', (r) => r.input.occurredAt],
  ['attributed_by', 'text', (r) => r.attribution.attributedBy],
  ['customer_type', 'text', (r) => r.input.customerType ?? null],
  ['currency', 'text', (r) => r.amounts.currency],
  ['gross_amount', 'numeric', (r) => r.amounts.grossAmount],
  ['discount_amount', 'numeric', (r) => r.amounts.discountAmount],
  ['net_amount', 'numeric', (r) => r.amounts.netAmount],
  ['original_currency', 'text', (r) => r.amounts.originalCurrency],
  ['original_net_amount', 'numeric', (r) => r.amounts.originalNetAmount],
  ['fx_rate', 'numeric', (r) => r.amounts.fxRate],
  ['commission_rate', 'numeric', (r) => r.commissionRate],
  ['commission_amount', 'numeric', (r) => r.commissionAmount],
];

// One array parameter per column (unnest): the statement has 18 parameters whatever the chunk size. Each is
// sent as the array literal arrayLiteral builds in one pass, not as an array pg would walk and escape again.
// Each new conversion's conversion.created event is written by the same statement (no round trip per row).
const RETURNED = 'id, source, external_id, workspace_id, relationship_id, status, net_amount, currency, occurred_at';

const conversionsCte = (claims: boolean) =>
  claims
    ? // The (workspace, source, external id) key cannot be a unique index of the month-partitioned table: the rows
      // claim their keys in conversion_keys first (in key order, so concurrent batches lock in the same order), and
      // only the rows whose claim was taken here are inserted; a key already claimed (or twice in the batch) is
      // skipped and not returned. The table's statement trigger checks every inserted row holds its claim. A semi-join,
      // not a join: a join of two CTEs was estimated at 25x the rows, which priced the statement past jit_above_cost
      // (JIT compiling took ~300 ms of a 5,000-row batch).
      `input AS (
  SELECT gen_random_uuid() AS id, u.* FROM unnest(${columns.map(([, type], i) => `$${i + 2}::${type}[]`).join(', ')})
    AS u(${columns.map(([name]) => name).join(', ')})
), claimed AS (
  INSERT INTO conversion_keys (workspace_id, source, external_id, conversion_id, occurred_at)
  SELECT $1::uuid, source, external_id, id, occurred_at FROM input
  ON CONFLICT DO NOTHING
  RETURNING conversion_id
), inserted AS (
  INSERT INTO conversions (id, workspace_id, ${columns.map(([name]) => name).join(', ')})
  SELECT input.id, $1::uuid, ${columns.map(([name]) => `input.${name}`).join(', ')} FROM input
  WHERE input.id IN (SELECT conversion_id FROM claimed)
  RETURNING ${RETURNED}
)`
    : // The ledger before PartitionedLedger (the baseline of bench/ledger-partitions): the key is a unique index.
      `inserted AS (
  INSERT INTO conversions (workspace_id, ${columns.map(([name]) => name).join(', ')})
  SELECT $1::uuid, u.* FROM unnest(${columns.map(([, type], i) => `$${i + 2}::${type}[]`).join(', ')}) AS u
  ON CONFLICT DO NOTHING
  RETURNING ${RETURNED}
)`;

/** The writer's statement; `claims: false` only for a ledger whose dedup key is a unique index of conversions. */
export const conversionInsertSql = (claims = true) => `WITH ${conversionsCte(claims)}, events AS (${domainEventsSql(
  'conversion.created',
  'conversion',
  'inserted',
  {
    workspaceId: 'workspace_id',
    subjectId: 'id',
    data: conversionDataSql('inserted', {
      occurredAt: `to_char(inserted.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    }),
  },
)})
SELECT id, source, external_id AS "externalId" FROM inserted`;

/** What a repeat is compared on, as the row would be stored; `attribution` stands for relationshipId, code or link. */
const compared: [alias: string, type: string, value: (r: ConversionRow) => string | null][] = [
  ['source', 'text', (r) => r.input.source],
  ['external_id', 'text', (r) => r.input.externalId],
  ['occurred_at', 'timestamptz', (r) => r.input.occurredAt],
  ['currency', 'text', (r) => r.amounts.originalCurrency ?? r.amounts.currency],
  ['gross_amount', 'numeric', (r) => r.amounts.grossAmount],
  ['discount_amount', 'numeric', (r) => r.amounts.discountAmount],
  ['fx_rate', 'numeric', (r) => r.amounts.fxRate],
  ['relationship_id', 'uuid', (r) => r.attribution.relationshipId],
  ['tracking_code_id', 'uuid', (r) => r.attribution.trackingCodeId],
  ['customer_type', 'text', (r) => r.input.customerType ?? null],
];

// Numeric and timestamp columns compare by value ("120.00" = 120.0000), in SQL, for a whole batch at once. The
// LIMIT keeps the lateral lookup from being flattened into a join, which PostgreSQL planned as a hash join over a
// sequential scan of the workspace's whole ledger (245 ms per 5,000 keys over 100k rows, growing with the ledger);
// as written it is one unique-index probe per key (77 ms): the key's claim, then the row in its month's partition
// (pruned at run time by occurred_at). Only rows that differ come back: a re-post reads nothing.
const differencesSql = `SELECT i, fields FROM (SELECT u.i::int AS i, array_remove(ARRAY[
    CASE WHEN c.occurred_at IS DISTINCT FROM u.occurred_at THEN 'occurredAt' END,
    CASE WHEN coalesce(c.original_currency, c.currency) IS DISTINCT FROM u.currency THEN 'currency' END,
    CASE WHEN c.gross_amount IS DISTINCT FROM u.gross_amount THEN 'amount' END,
    CASE WHEN c.discount_amount IS DISTINCT FROM u.discount_amount THEN 'discount' END,
    CASE WHEN c.fx_rate IS DISTINCT FROM u.fx_rate THEN 'fxRate' END,
    CASE WHEN (c.relationship_id, c.tracking_code_id) IS DISTINCT FROM (u.relationship_id, u.tracking_code_id) THEN 'attribution' END,
    CASE WHEN c.customer_type IS DISTINCT FROM u.customer_type THEN 'customerType' END
  ], NULL) AS fields
  FROM unnest(${compared.map(([, type], i) => `$${i + 2}::${type}[]`).join(', ')}) WITH ORDINALITY AS u(${compared.map(([alias]) => alias).join(', ')}, i)
  CROSS JOIN LATERAL (
    SELECT s.* FROM conversion_keys k JOIN conversions s ON s.id = k.conversion_id AND s.occurred_at = k.occurred_at
    WHERE k.workspace_id = $1 AND k.source = u.source AND k.external_id = u.external_id LIMIT 1
  ) c) d
  WHERE fields <> '{}'`;

/** The bulk SQL of ingestion: no save() per row (TypeORM #1115). */
@Injectable()
export class ConversionWriter {
  /** bench/ledger-partitions sets conversionInsertSql(false) for its unpartitioned baseline. */
  protected insertSql = conversionInsertSql();

  /**
   * Inserts in chunks sorted by natural key, so concurrent batches take the claims' index locks in the same
   * order and cannot deadlock. Rows not returned already existed: duplicates.
   */
  async insert(manager: EntityManager, workspaceId: string, rows: ConversionRow[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    // Any total order prevents the deadlock if every batch uses it: code-unit order of the keys built once per
    // row (localeCompare and a key per comparison cost more than the INSERT's parameters).
    const sorted = rows.slice().sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (let start = 0; start < sorted.length; start += CHUNK) {
      const chunk = sorted.slice(start, start + CHUNK);
      const inserted: { id: string; source: string; externalId: string }[] = await manager.query(this.insertSql, [
        workspaceId,
        ...columns.map(([, , value]) => arrayLiteral(chunk, value)),
      ]);
      for (const row of inserted) ids.set(keyOf(row), row.id);
    }
    markEventsRecorded(manager);
    return ids;
  }

  /**
   * For rows the insert did not take (their key is stored): the fields whose stored value differs, per row (none
   * when identical), in one statement. It runs after the insert, so it sees a row another transaction committed while the insert
   * waited on its key, and a row inserted earlier in the same batch.
   */
  async differences(manager: EntityManager, workspaceId: string, rows: ConversionRow[]): Promise<string[][]> {
    const fields: string[][] = rows.map(() => []);
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      const found: { i: number; fields: string[] }[] = await manager.query(differencesSql, [
        workspaceId,
        ...compared.map(([, , value]) => arrayLiteral(chunk, value)),
      ]);
      for (const row of found) fields[start + row.i - 1] = row.fields;
    }
    return fields;
  }
}

export function keyOf(row: { source: string; externalId: string }): string {
  return `${row.source}\u0000${row.externalId}`;
}

const NEEDS_ESCAPE = /["\\]/;

/**
 * `{"a","b",NULL}`: every element quoted, as pg's own array serialisation does, so any text is safe. A column
 * with no value in any row (fx, tracking code... in most batches) is sent as NULL, which unnest pads with
 * NULLs like a shorter array, and PostgreSQL parses nothing for it.
 */
function arrayLiteral<T>(rows: T[], value: (row: T) => string | null): string | null {
  let literal = '{';
  let present = false;
  for (let i = 0; i < rows.length; i++) {
    const element = value(rows[i]);
    if (i > 0) literal += ',';
    if (element === null) {
      literal += 'NULL';
      continue;
    }
    present = true;
    literal += NEEDS_ESCAPE.test(element) ? `"${element.replace(/["\\]/g, '\\$&')}"` : `"${element}"`;
  }
  return present ? `${literal}}` : null;
}
