import { stringify } from 'csv-stringify/sync';
import { currencyMinorUnits, escapeHtml as e, neutraliseCsvFormula, roundTo } from '@app/common';
import { type PayoutStatementData, statementKindLabel } from './payout-statement';

/** Money as the statement shows it: the currency's minor units, half-even (the lines keep commissions' 0.0001 until here). */
export const money = (value: string, currency: string) => roundTo(value, currencyMinorUnits(currency));

const day = (at: Date | null) => (at ? at.toISOString().slice(0, 10) : '');

/** One row per line, after a row for the opening balance and before the total; every text cell neutralised. */
export function statementCsv(s: PayoutStatementData): string {
  const rows: (string | number)[][] = [
    ['section', 'brand', 'relationship_id', 'kind', 'from', 'to', 'entries', 'amount', 'currency'],
    ['opening_balance', '', '', '', '', s.previousPeriodEnd ?? '', '', money(s.openingBalance, s.currency), s.currency],
    ...s.lines.map((l) => [
      'line',
      l.brandName,
      l.relationshipId,
      l.kind,
      l.from,
      l.to,
      l.entries,
      money(l.amount, s.currency),
      s.currency,
    ]),
    ['total', '', '', '', '', s.periodEnd, '', money(s.total, s.currency), s.currency],
  ];
  return stringify(rows.map((row) => row.map((cell) => neutraliseCsvFormula(String(cell)))));
}

/** The statement as the email's HTML part and the console's page: plain tables and inline styles (email clients). */
export function statementHtml(s: PayoutStatementData, intro?: string): string {
  const m = (value: string) => `${e(money(value, s.currency))} ${e(s.currency)}`;
  const lines = s.lines
    .map(
      (l) =>
        `<tr><td>${e(l.brandName)}</td><td>${e(statementKindLabel(l.kind))}</td><td>${e(l.from)} – ${e(l.to)}</td><td style="text-align:right">${l.entries}</td><td style="text-align:right">${m(l.amount)}</td></tr>`,
    )
    .join('\n');
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Payout statement</title></head>',
    '<body style="font-family:sans-serif;line-height:1.5;max-width:720px">',
    ...(intro ? [`<p>${e(intro)}</p>`] : []),
    `<h1 style="font-size:20px">Payout statement for ${e(s.payee.name)}</h1>`,
    `<p>Period through ${e(s.periodEnd)} · status ${e(s.status)}${s.paidAt ? ` · paid ${e(day(s.paidAt))}` : ''}${s.reference ? ` · reference ${e(s.reference)}` : ''}</p>`,
    `<p>Paid to: ${e(s.method ?? 'no payout method on file')}</p>`,
    '<table style="border-collapse:collapse;width:100%" cellpadding="4">',
    '<thead><tr><th align="left">Brand</th><th align="left">Kind</th><th align="left">Dates</th><th align="right">Entries</th><th align="right">Amount</th></tr></thead>',
    '<tbody>',
    `<tr><td colspan="4">Opening balance carried${s.previousPeriodEnd ? ` (through ${e(s.previousPeriodEnd)})` : ''}</td><td style="text-align:right">${m(s.openingBalance)}</td></tr>`,
    lines,
    `<tr style="font-weight:bold;border-top:1px solid #333"><td colspan="4">Total</td><td style="text-align:right">${m(s.total)}</td></tr>`,
    '</tbody></table>',
    '</body></html>',
  ].join('\n');
}

/** The plain-text part of the emails. */
export function statementText(s: PayoutStatementData): string {
  return [
    `Payout statement for ${s.payee.name}, period through ${s.periodEnd}`,
    `Paid to: ${s.method ?? 'no payout method on file'}`,
    `Opening balance carried: ${money(s.openingBalance, s.currency)} ${s.currency}`,
    ...s.lines.map(
      (l) => `${l.brandName} · ${statementKindLabel(l.kind)} · ${l.from} to ${l.to}: ${money(l.amount, s.currency)} ${s.currency}`,
    ),
    `Total: ${money(s.total, s.currency)} ${s.currency}`,
  ].join('\n');
}
