import { DateTime } from 'luxon';
import { escapeHtml as e } from '@app/common';
import { DeliverableOutcomes, QuarterlyReport, ReportMonth } from '../quarterly-report';
import { capitalise, count, dayLabel, money, monthLabel, NA, percent, signed } from './format';

/** A table of plain-text cells, every one escaped; columns from `numericFrom` on are right-aligned figures. */
export function table(headers: string[], rows: string[][], options: { numericFrom?: number; label: string; empty?: string }): string {
  if (!rows.length) return `<p class="empty">${e(options.empty ?? 'Nothing this quarter.')}</p>`;
  const from = options.numericFrom ?? 1;
  const cls = (i: number) => (i >= from ? ' class="num"' : '');
  const head = headers.map((h, i) => `<th scope="col"${cls(i)}>${e(h)}</th>`).join('');
  const body = rows
    .map(
      (row) => `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${e(cell)}</th>` : `<td${cls(i)}>${e(cell)}</td>`)).join('')}</tr>`,
    )
    .join('');
  return `<table class="data" aria-label="${e(options.label)}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function outcomesText(d: DeliverableOutcomes): string[] {
  const settled = d.onTime + d.late + d.missed;
  return [count(d.due), count(d.onTime), count(d.late), count(d.missed), count(d.open), settled > 0 ? percent(d.onTime / settled) : NA];
}

export const OUTCOME_HEADERS = ['Due', 'On time', 'Late', 'Missed', 'Open', 'On-time rate'];

/**
 * "Nov 2026 (partial)" for the month under way when the report was built, "Dec 2026 (not started)" for a later one of
 * the quarter: both are `partial` in the JSON (not over), but calling a month with no day yet partial misreads it.
 */
export function monthOf(m: ReportMonth, report: QuarterlyReport): string {
  if (!m.partial) return monthLabel(m.month);
  const builtIn = DateTime.fromISO(report.generatedAt, { zone: report.brand.timezone }).toFormat('yyyy-MM');
  return `${monthLabel(m.month)} (${m.month > builtIn ? 'not started' : 'partial'})`;
}

/** Beside ROI, what its spend does not hold yet; a snapshot older than these fields recorded neither. */
function completeness(report: QuarterlyReport): Array<[string, string]> {
  const unrecorded = report.pendingCommission === null;
  const through = report.accruedThrough ? dayLabel(report.accruedThrough) : unrecorded ? 'not recorded' : `${NA} (no retainer)`;
  return [
    ['Retainers accrued through', through],
    ['Pending commission (not in spend)', unrecorded ? 'not recorded' : money(report.pendingCommission, report.brand.currency)],
  ];
}

/** The headline figures as label/value pairs, shared by the HTML page and the plain-text email. */
export function keyFigures(report: QuarterlyReport): Array<[string, string]> {
  const t = report.totals;
  const c = report.brand.currency;
  return [
    ['Net revenue', money(t.netRevenue, c)],
    ['Spend', money(t.spend, c)],
    ['ROI', percent(t.roi)],
    ...completeness(report),
    ['ROAS', percent(t.roas)],
    ['Conversions', count(t.conversions)],
    ['Cost per acquisition', money(t.cpa, c)],
    ['Earned media value', money(t.emv, c)],
    ['Engagement rate', percent(t.engagementRate)],
    ['Impressions', count(t.impressions)],
    ['Engagements', count(t.engagements)],
    ['Cost per engagement', money(t.cpe, c)],
    ['Cost per 1,000 impressions', money(t.cpm, c)],
    ['Active relationships', count(t.relationships)],
  ];
}

export function spendByKind(report: QuarterlyReport): string[][] {
  const s = report.totals.spendByKind;
  const c = report.brand.currency;
  return [
    ['Retainers', money(s.retainer, c)],
    ['Deliverable fees', money(s.deliverableFee, c)],
    ['Commission', money(s.commission, c)],
    ['Product', money(s.product, c)],
    ['Other', money(s.other, c)],
    ['Total', money(report.totals.spend, c)],
  ];
}

/** Tiers side by side: one column per tier, one row per figure. */
export function tiersTable(report: QuarterlyReport): string {
  const c = report.brand.currency;
  const figures: Array<[string, (t: QuarterlyReport['tiers'][number]) => string]> = [
    ['Relationships', (t) => count(t.relationships)],
    ['Net revenue', (t) => money(t.figures.netRevenue, c)],
    ['Spend', (t) => money(t.figures.spend, c)],
    ['ROI', (t) => percent(t.figures.roi)],
    ['ROAS', (t) => percent(t.figures.roas)],
    ['Conversions', (t) => count(t.figures.conversions)],
    ['Cost per acquisition', (t) => money(t.figures.cpa, c)],
    ['Earned media value', (t) => money(t.figures.emv, c)],
    ['Engagement rate', (t) => percent(t.figures.engagementRate)],
  ];
  const rows = figures.map(([label, value]) => [label, ...report.tiers.map(value)]);
  return table(['', ...report.tiers.map((t) => capitalise(t.tier))], rows, {
    label: 'Figures by tier',
    empty: 'No tier had activity this quarter.',
  });
}

export function relationshipsTable(report: QuarterlyReport): string {
  const c = report.brand.currency;
  const rows = report.relationships.map((r) => [
    String(r.rank),
    r.influencer.name,
    capitalise(r.influencer.tier),
    money(r.figures.netRevenue, c),
    money(r.figures.spend, c),
    percent(r.figures.roi),
    percent(r.figures.roas),
    count(r.figures.conversions),
    percent(r.figures.engagementRate),
  ]);
  return table(['Rank', 'Influencer', 'Tier', 'Net revenue', 'Spend', 'ROI', 'ROAS', 'Conversions', 'Engagement rate'], rows, {
    numericFrom: 3,
    label: 'Ambassadors ranked by ROI',
    empty: 'No relationship had activity this quarter.',
  });
}

export function deliverablesTable(report: QuarterlyReport): string {
  const rows = [
    ['All ambassadors', ...outcomesText(report.totals.deliverables)],
    ...report.relationships.filter((r) => r.deliverables.due > 0).map((r) => [r.influencer.name, ...outcomesText(r.deliverables)]),
  ];
  return table(['', ...OUTCOME_HEADERS], rows, { label: 'Deliverables due this quarter by outcome' });
}

export function trendText(trend: Array<{ quarter: string; roi: number | null }>): string {
  return trend.map((q) => `${q.quarter} ${percent(q.roi)}`).join(' → ');
}

export function renewalsTable(report: QuarterlyReport): string {
  const rows = report.renewalsDueNextQuarter.map((r) => [
    r.influencer.name,
    capitalise(r.influencer.tier),
    dayLabel(r.endDate),
    r.autoRenew ? 'yes' : 'no',
    r.noticeDeadline ? dayLabel(r.noticeDeadline) : NA,
    trendText(r.roiTrend),
  ]);
  return table(['Influencer', 'Tier', 'Term ends', 'Auto-renews', 'Notice by', 'ROI trend (oldest first)'], rows, {
    numericFrom: 6,
    label: 'Contracts ending next quarter',
    empty: 'No contract ends next quarter.',
  });
}

/** Live figures minus the snapshot's, per closed quarter that changed since. */
export function adjustmentRows(report: QuarterlyReport): string[][] {
  const c = report.brand.currency;
  return report.adjustments.map((a) => [
    a.quarter,
    signed(a.netRevenue, money(a.netRevenue, c)),
    signed(a.spend, money(a.spend, c)),
    signed(a.conversions, count(a.conversions)),
  ]);
}

export function adjustmentsTable(report: QuarterlyReport): string {
  return table(['Quarter', 'Net revenue change', 'Spend change', 'Conversions change'], adjustmentRows(report), {
    label: 'Changes to closed quarters since their snapshot',
    empty: 'No change to closed quarters since their snapshots.',
  });
}
