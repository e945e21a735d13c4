import { DateTime } from 'luxon';
import { escapeHtml as e } from '@app/common';
import { QuarterlyReport } from '../quarterly-report';
import { revenueVsSpendChart, roiByTierChart, topAmbassadorsChart } from './charts';
import { dayLabel } from './format';
import {
  adjustmentsTable,
  deliverablesTable,
  keyFigures,
  relationshipsTable,
  renewalsTable,
  spendByKind,
  table,
  tiersTable,
} from './report-sections';

/**
 * What the page may load: nothing but its own inline styles. The API sends it as a header; the meta copy
 * protects a saved copy of the page too (mail clients ignore it).
 */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const STYLE = `
  body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1d2330; margin: 0 auto; max-width: 960px; padding: 24px; }
  h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 2px solid #e3e7ee; padding-bottom: 4px; }
  .meta, .empty, .legend, footer { color: #5b6475; font-size: 12px; }
  .intro { background: #f3f6fb; padding: 10px 14px; border-radius: 4px; }
  .figures { display: flex; flex-wrap: wrap; gap: 8px; margin: 0; }
  .figures div { flex: 1 1 150px; border: 1px solid #e3e7ee; border-radius: 4px; padding: 8px 10px; }
  .figures dt { font-size: 12px; color: #5b6475; } .figures dd { margin: 0; font-size: 16px; font-weight: 600; }
  table { border-collapse: collapse; width: 100%; }
  table.data { font-size: 12px; margin: 4px 0 12px; }
  table.data th, table.data td { border-bottom: 1px solid #e3e7ee; padding: 4px 6px; text-align: left; }
  table.data thead th { background: #f3f6fb; font-weight: 600; } table.data tbody th { font-weight: 500; }
  .num { text-align: right !important; white-space: nowrap; }
  .chart { margin: 12px 0 20px; } .chart figcaption { font-weight: 600; margin-bottom: 4px; }
  .chart-bars { table-layout: fixed; font-size: 12px; }
  .chart-label { width: 26%; text-align: left; font-weight: 500; padding: 2px 8px 2px 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .chart-value { width: 18%; padding-left: 8px; white-space: nowrap; color: #2c3445; }
  @page { size: A4; margin: 14mm 12mm; }
  @media print {
    body { max-width: none; padding: 0; font-size: 10pt; }
    section + section { break-before: page; }
    tr, figure, .figures div { break-inside: avoid; }
    .screen-only { display: none; }
  }`;

export interface HtmlOptions {
  /** A paragraph above the report (the email's greeting). */
  intro?: string;
  /** Link to the page online (emails). */
  viewUrl?: string;
  /** Link to the report in the manager console (emails to managers). */
  consoleUrl?: string;
}

function status(report: QuarterlyReport): string {
  const at = (iso: string) => DateTime.fromISO(iso).setZone(report.brand.timezone).toFormat('d LLL yyyy HH:mm ZZZZ');
  if (report.snapshotCreatedAt) return `Closed quarter: figures as of the snapshot of ${at(report.snapshotCreatedAt)}`;
  return report.closed
    ? `Closed quarter: figures as of ${at(report.generatedAt)}`
    : `Quarter in progress: figures as of ${at(report.generatedAt)}`;
}

export const reportTitle = (report: QuarterlyReport) => `${report.brand.name}: ambassador program report ${report.quarter}`;

function summary(report: QuarterlyReport): string {
  const figures = keyFigures(report)
    .map(([label, value]) => `<div><dt>${e(label)}</dt><dd>${e(value)}</dd></div>`)
    .join('');
  return [
    '<section>',
    '<h2>Summary</h2>',
    `<dl class="figures">${figures}</dl>`,
    '<h2>Charts</h2>',
    revenueVsSpendChart(report),
    roiByTierChart(report),
    topAmbassadorsChart(report),
    '<h2>Spend by kind</h2>',
    table(['Kind', 'Amount'], spendByKind(report), { label: 'Spend by kind' }),
    '</section>',
  ].join('\n');
}

/** The whole report as one self-contained HTML document: inline CSS only, no script, no remote asset; A4 print layout. */
export function renderQuarterlyReportHtml(report: QuarterlyReport, options: HtmlOptions = {}): string {
  const title = reportTitle(report);
  const period = `${dayLabel(report.period.from)} – ${dayLabel(report.period.to)} (${report.brand.timezone}), amounts in ${report.brand.currency}`;
  const links = [
    options.viewUrl && `<a href="${e(options.viewUrl)}">Open this report in your browser</a>`,
    options.consoleUrl && `<a href="${e(options.consoleUrl)}">Open it in the console</a>`,
  ].filter(Boolean);
  const link = links.length ? `<p class="screen-only">${links.join(' · ')}</p>` : '';
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${e(REPORT_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(title)}</title><style>${STYLE}</style></head><body>`,
    options.intro ? `<p class="intro">${e(options.intro)}</p>` : '',
    link,
    `<header><h1>${e(title)}</h1><p class="meta">${e(period)}<br>${e(status(report))}</p></header>`,
    summary(report),
    '<section>',
    '<h2>Tiers side by side</h2>',
    tiersTable(report),
    '<h2>Ambassadors ranked by ROI</h2>',
    relationshipsTable(report),
    '</section>',
    '<section>',
    '<h2>Deliverables due this quarter</h2>',
    deliverablesTable(report),
    '<h2>Renewals due next quarter</h2>',
    renewalsTable(report),
    '<h2>Adjustments to closed quarters</h2>',
    adjustmentsTable(report),
    '</section>',
    `<footer><p>Generated ${e(DateTime.fromISO(report.generatedAt).toUTC().toFormat("yyyy-LL-dd HH:mm 'UTC'"))} by Ambassador CRM.</p></footer>`,
    '</body></html>',
  ].join('\n');
}
