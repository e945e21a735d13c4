import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { neutraliseCsvFormula, RequestContext, ValidationException } from '@app/common';
import { describeMethod, PayoutMethodDetails, PayoutMethodKind } from '../methods/payout-method.rules';
import { PayoutsException } from '../payouts.exception';
import { PayoutRunsService } from '../runs/payout-runs.service';
import { PAYABLE_KINDS_SQL } from '../runs/payout-run.sql';
import { money } from '../statements/payout-statement.render';

export const RUN_EXPORT_FORMATS = ['paypal', 'wise', 'plain'] as const;
export type RunExportFormat = (typeof RUN_EXPORT_FORMATS)[number];

interface ApprovedPayout {
  id: string;
  influencerId: string;
  name: string;
  email: string | null;
  currency: string;
  amount: string;
  periodEnd: string;
  methodKind: PayoutMethodKind | null;
  details: PayoutMethodDetails | null;
}

export interface CsvFile {
  filename: string;
  csv: string;
}

/** $1 run, $2 workspace: the run's approved payouts with their payee and method (bench/payouts times it too). */
export const APPROVED_PAYOUTS = `SELECT p.id, p.influencer_id AS "influencerId", i.name, i.email, trim(p.currency) AS currency, p.amount::text AS amount,
              r.period_end::text AS "periodEnd", m.kind AS "methodKind", m.details
         FROM payouts p JOIN payout_runs r ON r.id = p.run_id JOIN influencers i ON i.id = p.influencer_id
         LEFT JOIN payout_methods m ON m.influencer_id = p.influencer_id
        WHERE p.run_id = $1 AND p.workspace_id = $2 AND p.status = 'approved'
        ORDER BY p.currency, i.name, p.id`;

const csv = (rows: (string | number)[][]) => stringify(rows.map((row) => row.map((cell) => neutraliseCsvFormula(String(cell)))));

/**
 * What a person uploads to pay a run (docs/payouts.md#exports): the approved payouts of a run as a PayPal
 * Payouts batch (one currency per file, as PayPal requires), a Wise batch (the "send by email" template),
 * or a plain CSV of every approved payout with its masked method. Every cell is neutralised against
 * spreadsheet formulas. PayPal and Wise files need the full account (admins only, as the route says).
 */
@Injectable()
export class PayoutExports {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runs: PayoutRunsService,
  ) {}

  async run(runId: string, format: RunExportFormat, currency?: string): Promise<CsvFile> {
    const run = await this.runs.getRun(runId);
    const payouts = (await this.dataSource.query(APPROVED_PAYOUTS, [run.id, RequestContext.workspaceId()])) as ApprovedPayout[];
    if (!payouts.length) throw PayoutsException.nothingToExport();
    const name = `payout-run-${run.periodEnd}-${format}`;
    if (format === 'plain') return { filename: `${name}.csv`, csv: plainCsv(payouts) };
    const ofKind = payouts.filter((p) => p.methodKind === format);
    const currencies = [...new Set(ofKind.map((p) => p.currency))];
    const chosen = currency ?? (currencies.length === 1 ? currencies[0] : undefined);
    if (!chosen && currencies.length > 1)
      throw new ValidationException([{ field: 'currency', message: `one file per currency: choose one of ${currencies.join(', ')}` }]);
    const rows = ofKind.filter((p) => p.currency === chosen);
    const file = format === 'paypal' ? paypalCsv(rows) : wiseCsv(rows);
    return { filename: `${name}${chosen ? `-${chosen}` : ''}.csv`, csv: file };
  }

  /**
   * Year-end earnings per payee and currency: `earned` = payable entries incurred in the calendar year (their
   * brand's days), `paid` = payouts paid in it (UTC). What an ambassador or an accountant asks for at tax time.
   */
  async yearEnd(year: number): Promise<CsvFile> {
    const rows = (await this.dataSource.query(
      `WITH earned AS (
         SELECT r.influencer_id, e.currency, sum(e.amount) AS earned FROM cost_entries e JOIN relationships r ON r.id = e.relationship_id
          WHERE e.workspace_id = $1 AND e.kind IN (${PAYABLE_KINDS_SQL}) AND e.incurred_on BETWEEN make_date($2, 1, 1) AND make_date($2, 12, 31)
          GROUP BY 1, 2
       ), paid AS (
         SELECT influencer_id, currency, sum(amount) AS paid FROM payouts
          WHERE workspace_id = $1 AND status = 'paid' AND paid_at >= make_timestamptz($2, 1, 1, 0, 0, 0, 'UTC') AND paid_at < make_timestamptz($2 + 1, 1, 1, 0, 0, 0, 'UTC')
          GROUP BY 1, 2
       )
       SELECT i.id, i.name, i.email, trim(coalesce(e.currency, p.currency)) AS currency, coalesce(e.earned, 0)::text AS earned, coalesce(p.paid, 0)::text AS paid
         FROM earned e FULL JOIN paid p ON p.influencer_id = e.influencer_id AND p.currency = e.currency
         JOIN influencers i ON i.id = coalesce(e.influencer_id, p.influencer_id)
        ORDER BY i.name, i.id, 4`,
      [RequestContext.workspaceId(), year],
    )) as { id: string; name: string; email: string | null; currency: string; earned: string; paid: string }[];
    return {
      filename: `earnings-${year}.csv`,
      csv: csv([
        ['year', 'influencer_id', 'name', 'email', 'currency', 'earned', 'paid'],
        ...rows.map((r) => [year, r.id, r.name, r.email ?? '', r.currency, money(r.earned, r.currency), money(r.paid, r.currency)]),
      ]),
    };
  }
}

/** PayPal Payouts web upload: no header; recipient, amount, currency, customer id (≤ 30, no spaces), note, wallet. */
function paypalCsv(payouts: ApprovedPayout[]): string {
  return csv(
    payouts.map((p) => [
      p.details?.email ?? '',
      money(p.amount, p.currency),
      p.currency,
      p.id.replace(/-/g, '').slice(0, 30),
      `Payout through ${p.periodEnd}`,
      'PAYPAL',
    ]),
  );
}

/** Wise batch, "send by email" template: Wise asks the recipient for the bank details; the amount is what they receive. */
function wiseCsv(payouts: ApprovedPayout[]): string {
  return csv([
    ['name', 'recipientEmail', 'paymentReference', 'receiverType', 'amountCurrency', 'amount', 'sourceCurrency', 'targetCurrency'],
    ...payouts.map((p) => [
      p.details?.accountHolderName ?? p.name,
      p.details?.email ?? '',
      `Payout ${p.periodEnd}`,
      p.details?.receiverType ?? 'PRIVATE',
      'target',
      money(p.amount, p.currency),
      p.currency,
      p.currency,
    ]),
  ]);
}

function plainCsv(payouts: ApprovedPayout[]): string {
  return csv([
    ['payout_id', 'influencer_id', 'name', 'email', 'currency', 'amount', 'period_end', 'method'],
    ...payouts.map((p) => [
      p.id,
      p.influencerId,
      p.name,
      p.email ?? '',
      p.currency,
      money(p.amount, p.currency),
      p.periodEnd,
      p.methodKind && p.details ? describeMethod(p.methodKind, p.details) : '',
    ]),
  ]);
}
