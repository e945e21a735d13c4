import { escapeHtml as e } from '@app/common';
import { QuarterlyReport } from '../quarterly-report';
import { capitalise, money, NA, percent } from './format';
import { monthOf } from './report-sections';

/**
 * Charts as HTML bars (table cells holding divs with inline widths and colours), not SVG or canvas: the same
 * markup renders in a browser, in print and in mail clients that strip SVG (Gmail), and needs no script.
 */
export type ChartKey = 'revenue-vs-spend' | 'roi-by-tier' | 'top-ambassadors';

export const COLOURS = { revenue: '#2e7d4f', spend: '#d9822b', gain: '#2f5fb3', loss: '#c0392b' } as const;

export const TOP_AMBASSADORS = 10;

interface Bar {
  value: number | null;
  colour: string;
  name: string;
}

interface ChartRow {
  label: string;
  /** Figures to date (a month in progress): labelled so, its bars paler. */
  partial?: boolean;
  bars: Bar[];
  /** The figures beside the bars, already formatted. */
  text: string[];
}

interface Chart {
  key: ChartKey;
  title: string;
  /** Read by screen readers instead of the bars (role="img"). */
  summary: string;
  rows: ChartRow[];
  legend?: Bar[];
}

const BAR_AREA = 56;
const BAR = 'height:12px;-webkit-print-color-adjust:exact;print-color-adjust:exact';
/** The zero axis: the right edge of the negative side, drawn only when there is one. */
const ZERO_AXIS = 'border-right:1px solid #1d2330';
const SPACER = `<div style="${BAR};margin:2px 0"></div>`;

/** A bar's div: width relative to the largest magnitude on its side of zero, never thinner than a hairline when not 0. */
function bar(b: Bar, max: number, alignRight: boolean, partial: boolean): string {
  const magnitude = Math.abs(b.value ?? 0);
  const width = max > 0 && magnitude > 0 ? Math.max(0.5, (magnitude / max) * 100) : 0;
  // A negative bar ends at zero: the free space of its cell goes to its left margin.
  const margin = alignRight ? '2px 0 2px auto' : '2px 0';
  const faded = partial ? ';opacity:.5' : '';
  return `<div data-bar="${e(b.name)}" data-value="${b.value}" title="${e(b.name)}" style="width:${width.toFixed(2)}%;background:${b.colour};${BAR};margin:${margin}${faded}"></div>`;
}

/** The largest magnitude on each side of zero. */
function extents(chart: Chart): { negMax: number; posMax: number } {
  const values = chart.rows.flatMap((row) => row.bars.map((b) => b.value ?? 0));
  return { negMax: Math.max(0, ...values.map((v) => -v)), posMax: Math.max(0, ...values) };
}

/**
 * Bars grow right from zero; when any value is negative a left column holds the negative side, scaled on one
 * axis, and its right edge is the zero axis: without it a chart of losses only was a row of full-width red bars.
 */
function renderRows(chart: Chart): string {
  const { negMax, posMax } = extents(chart);
  const negShare = negMax + posMax > 0 ? (BAR_AREA * negMax) / (negMax + posMax) : 0;
  const cell = (width: number, content: string, style = '') =>
    `<td style="width:${width.toFixed(2)}%;padding:2px 0;vertical-align:middle${style}">${content}</td>`;
  return chart.rows
    .map((row) => {
      // Each bar sits on its side of zero; the other side and a null value (no ROI without spend) get an empty spacer.
      const slot = (negative: boolean) =>
        row.bars
          .map((b) =>
            b.value !== null && b.value < 0 === negative ? bar(b, negative ? negMax : posMax, negative, row.partial ?? false) : SPACER,
          )
          .join('');
      const negativeCell = negMax > 0 ? cell(negShare, slot(true), `;${ZERO_AXIS}`) : '';
      return `<tr${row.partial ? ' data-partial="true"' : ''}><th scope="row" class="chart-label">${e(row.label)}</th>${negativeCell}${cell(BAR_AREA - negShare, slot(false))}<td class="chart-value">${row.text.map(e).join('<br>')}</td></tr>`;
    })
    .join('');
}

function renderChart(chart: Chart): string {
  const legend = chart.legend
    ? `<p class="legend">${chart.legend.map((b) => `<span style="display:inline-block;width:10px;height:10px;background:${b.colour};-webkit-print-color-adjust:exact;print-color-adjust:exact"></span> ${e(b.name)}`).join(' &nbsp; ')}</p>`
    : '';
  const body = chart.rows.length
    ? `<table class="chart-bars" role="presentation"${extents(chart).negMax > 0 ? ' data-zero-axis="true"' : ''}>${renderRows(chart)}</table>`
    : '<p class="empty">No data for this quarter.</p>';
  return `<figure class="chart" data-chart="${chart.key}" role="img" aria-label="${e(chart.summary)}"><figcaption>${e(chart.title)}</figcaption>${legend}${body}</figure>`;
}

const amount = (value: string): number => Number(value);

export function revenueVsSpendChart(report: QuarterlyReport): string {
  const c = report.brand.currency;
  const rows = report.months.map((m) => ({
    label: monthOf(m, report),
    partial: m.partial,
    bars: [
      { value: amount(m.netRevenue), colour: COLOURS.revenue, name: 'Net revenue' },
      { value: amount(m.spend), colour: COLOURS.spend, name: 'Spend' },
    ],
    text: [money(m.netRevenue, c), money(m.spend, c)],
  }));
  const summary = `Net revenue and spend per month: ${report.months.map((m) => `${monthOf(m, report)} net revenue ${money(m.netRevenue, c)}, spend ${money(m.spend, c)}`).join('; ') || 'no data'}`;
  return renderChart({ key: 'revenue-vs-spend', title: 'Net revenue vs spend per month', summary, rows, legend: rows[0]?.bars ?? [] });
}

const roiBar = (roi: number | null): Bar => ({ value: roi, colour: roi !== null && roi < 0 ? COLOURS.loss : COLOURS.gain, name: 'ROI' });

export function roiByTierChart(report: QuarterlyReport): string {
  const rows = report.tiers.map((t) => ({
    label: capitalise(t.tier),
    bars: [roiBar(t.figures.roi)],
    text: [t.figures.roi === null ? `${NA} (no spend)` : percent(t.figures.roi)],
  }));
  const summary = `ROI by tier: ${report.tiers.map((t) => `${t.tier} ${percent(t.figures.roi)}`).join(', ') || 'no data'}`;
  return renderChart({ key: 'roi-by-tier', title: 'ROI by tier', summary, rows });
}

/** The best ROIs of the quarter: ranked rows with a ROI (no spend, no ROI: not ranked here). */
export function topAmbassadors(report: QuarterlyReport): QuarterlyReport['relationships'] {
  return report.relationships
    .filter((r) => r.figures.roi !== null)
    .sort((a, b) => a.rank - b.rank)
    .slice(0, TOP_AMBASSADORS);
}

export function topAmbassadorsChart(report: QuarterlyReport): string {
  const top = topAmbassadors(report);
  const rows = top.map((r) => ({
    label: `${r.influencer.name} (${r.influencer.tier})`,
    bars: [roiBar(r.figures.roi)],
    text: [percent(r.figures.roi)],
  }));
  const summary = `Top ${top.length} ambassadors by ROI: ${top.map((r) => `${r.influencer.name} ${percent(r.figures.roi)}`).join(', ') || 'none with spend'}`;
  return renderChart({ key: 'top-ambassadors', title: `Top ${TOP_AMBASSADORS} ambassadors by ROI`, summary, rows });
}
