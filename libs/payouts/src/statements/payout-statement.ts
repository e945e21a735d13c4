import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { fromUnits, NotFoundException, toUnits } from '@app/common';
import { describeMethod, PayoutMethodDetails, PayoutMethodKind } from '../methods/payout-method.rules';
import { PAYOUT_ENTRIES } from '../runs/payout-run.sql';
import type { PayoutStatus } from '../runs/payout-transitions';

const KIND_LABELS: Record<string, string> = {
  retainer: 'Retainer',
  deliverable_fee: 'Deliverable fees',
  commission: 'Commission',
  bonus: 'Bonus',
  adjustment: 'Adjustment',
};

/** A line's kind as every statement writes it: the printable (HTML) statement, the email, the API's `label` (the web apps show that one). */
export const statementKindLabel = (kind: string): string => KIND_LABELS[kind] ?? kind;

export interface StatementLine {
  relationshipId: string;
  brandName: string;
  kind: string;
  /** First and last day of the entries of this line (brand's calendar days). */
  from: string;
  to: string;
  entries: number;
  amount: string;
}

/** What one payout pays, as the ambassador reads it (docs/payouts.md). Amounts are exact numeric strings. */
export interface PayoutStatementData {
  payoutId: string;
  runId: string;
  status: PayoutStatus;
  currency: string;
  periodEnd: string;
  approvedAt: Date | null;
  paidAt: Date | null;
  reference: string | null;
  payee: { influencerId: string; name: string; email: string | null };
  /** Masked ("PayPal a***@example.com"), null when the payee has no method on file. */
  method: string | null;
  /** The payee's previous approved or paid payout in this currency ended on this day; null for a first payout. */
  previousPeriodEnd: string | null;
  /** Entries dated on or before previousPeriodEnd: carried from earlier periods (small or negative totals, released payouts). */
  openingBalance: string;
  lines: StatementLine[];
  /** openingBalance + the lines = the payout's amount. */
  total: string;
}

const HEADER = `
  SELECT p.id AS "payoutId", p.run_id AS "runId", p.status, p.currency, p.amount::text AS total, r.period_end::text AS "periodEnd",
         p.approved_at AS "approvedAt", p.paid_at AS "paidAt", p.reference,
         i.id AS "influencerId", i.name, i.email, m.kind AS "methodKind", m.details AS "methodDetails",
         (SELECT max(pr.period_end)::text FROM payouts pp JOIN payout_runs pr ON pr.id = pp.run_id
           WHERE pp.influencer_id = p.influencer_id AND pp.currency = p.currency AND pp.status IN ('approved', 'paid')
             AND pp.id <> p.id AND pr.created_at < r.created_at) AS "previousPeriodEnd"
  FROM payouts p JOIN payout_runs r ON r.id = p.run_id JOIN influencers i ON i.id = p.influencer_id
  LEFT JOIN payout_methods m ON m.influencer_id = p.influencer_id
  WHERE p.id = $1 AND p.workspace_id = $2`;

/**
 * $1 payout, $2 previous period end (or null): carried entries apart, the others per relationship and kind. The
 * entries of a failed or cancelled payout are its released spans', those of the others its live ones'.
 */
const LINES = `
  SELECT (e.incurred_on <= $2::date) IS TRUE AS carried, e.relationship_id AS "relationshipId", b.name AS "brandName", e.kind,
         min(e.incurred_on)::text AS "from", max(e.incurred_on)::text AS "to", count(*)::int AS entries, sum(e.amount)::text AS amount
  FROM payouts p ${PAYOUT_ENTRIES}
  JOIN relationships rel ON rel.id = e.relationship_id JOIN brands b ON b.id = rel.brand_id
  WHERE p.id = $1
  GROUP BY 1, 2, 3, 4 ORDER BY b.name, e.relationship_id, e.kind`;

/** Reads a payout's statement; workspace given explicitly, as the worker renders it for an email outside any request. */
@Injectable()
export class PayoutStatements {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async build(workspaceId: string, payoutId: string): Promise<PayoutStatementData> {
    const [head] = (await this.dataSource.query(HEADER, [payoutId, workspaceId])) as (Omit<
      PayoutStatementData,
      'payee' | 'method' | 'lines' | 'openingBalance'
    > & {
      influencerId: string;
      name: string;
      email: string | null;
      methodKind: PayoutMethodKind | null;
      methodDetails: PayoutMethodDetails | null;
    })[];
    if (!head) throw new NotFoundException('Payout', payoutId);
    const rows = (await this.dataSource.query(LINES, [payoutId, head.previousPeriodEnd])) as (StatementLine & { carried: boolean })[];
    const carried = rows.filter((row) => row.carried);
    const { influencerId, name, email, methodKind, methodDetails, ...payout } = head;
    return {
      ...payout,
      currency: payout.currency.trim(),
      payee: { influencerId, name, email },
      method: methodKind && methodDetails ? describeMethod(methodKind, methodDetails) : null,
      openingBalance: sumDecimals(carried.map((row) => row.amount)),
      lines: rows.filter((row) => !row.carried).map(({ carried: _carried, ...line }) => line),
    };
  }
}

/** Exact sum of numeric(20,4) strings. */
const sumDecimals = (values: string[]): string =>
  fromUnits(
    values.reduce((sum, value) => sum + toUnits(value, 4), 0n),
    4,
  );
