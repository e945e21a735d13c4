import { QuarterlyReport } from '../quarterly-report';
import { topAmbassadors } from './charts';
import { capitalise, count, dayLabel, money, NA, percent } from './format';
import { adjustmentRows, keyFigures, monthOf, OUTCOME_HEADERS, outcomesText, spendByKind, trendText } from './report-sections';
import { reportTitle } from './quarterly-report.html';

/** Rows as aligned columns: the first left-aligned, the others right-aligned (figures), two spaces between. */
function columns(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) => `  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}`.trimEnd());
}

const block = (title: string, lines: string[], empty: string) => [title.toUpperCase(), ...(lines.length ? lines : [`  ${empty}`]), ''];

/** The report as plain text for the email's text part: the same figures as the HTML, charts as figures. */
export function renderQuarterlyReportText(
  report: QuarterlyReport,
  options: { intro?: string; viewUrl?: string; consoleUrl?: string } = {},
): string {
  const c = report.brand.currency;
  const top = topAmbassadors(report);
  const lines = [
    ...(options.intro ? [options.intro, ''] : []),
    reportTitle(report),
    `${dayLabel(report.period.from)} – ${dayLabel(report.period.to)} (${report.brand.timezone}), amounts in ${c}`,
    report.closed
      ? report.snapshotCreatedAt
        ? 'Closed quarter (snapshot at close).'
        : 'Closed quarter.'
      : 'Quarter in progress: figures so far.',
    ...(options.viewUrl ? [`Open it in your browser: ${options.viewUrl}`] : []),
    ...(options.consoleUrl ? [`Open it in the console: ${options.consoleUrl}`] : []),
    '',
    ...block('Summary', columns(keyFigures(report)), ''),
    ...block('Spend by kind', columns(spendByKind(report)), ''),
    ...block(
      'Net revenue vs spend per month',
      report.months.length
        ? columns([
            ['Month', 'Net revenue', 'Spend'],
            ...report.months.map((m) => [monthOf(m, report), money(m.netRevenue, c), money(m.spend, c)]),
          ])
        : [],
      'No data for this quarter.',
    ),
    ...block(
      'ROI by tier',
      report.tiers.length
        ? columns([
            ['Tier', 'Relationships', 'Net revenue', 'Spend', 'ROI'],
            ...report.tiers.map((t) => [
              capitalise(t.tier),
              count(t.relationships),
              money(t.figures.netRevenue, c),
              money(t.figures.spend, c),
              percent(t.figures.roi),
            ]),
          ])
        : [],
      'No tier had activity this quarter.',
    ),
    ...block(
      'Top ambassadors by ROI',
      top.length
        ? columns(
            top.map((r) => [
              `${r.rank}. ${r.influencer.name} (${r.influencer.tier})`,
              percent(r.figures.roi),
              money(r.figures.netRevenue, c),
            ]),
          )
        : [],
      'No ambassador had spend this quarter.',
    ),
    ...block(
      'Deliverables due this quarter',
      columns([
        ['', ...OUTCOME_HEADERS],
        ['All ambassadors', ...outcomesText(report.totals.deliverables)],
      ]),
      '',
    ),
    ...block(
      'Renewals due next quarter',
      report.renewalsDueNextQuarter.map(
        (r) =>
          `  ${r.influencer.name}: ends ${dayLabel(r.endDate)}, ${r.autoRenew ? `auto-renews unless notice by ${r.noticeDeadline ? dayLabel(r.noticeDeadline) : NA}` : 'does not auto-renew'}; ROI ${trendText(r.roiTrend)}`,
      ),
      'No contract ends next quarter.',
    ),
    ...block(
      'Adjustments to closed quarters',
      report.adjustments.length
        ? columns([['Quarter', 'Net revenue change', 'Spend change', 'Conversions change'], ...adjustmentRows(report)])
        : [],
      'No change to closed quarters since their snapshots.',
    ),
    'The full ranking of ambassadors is in the attached CSV and on the web page.',
  ];
  return `${lines.join('\n')}\n`;
}
