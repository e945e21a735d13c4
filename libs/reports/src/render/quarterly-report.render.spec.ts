import { figuresOf, ZERO_TOTALS } from '@app/rollups';
import { QuarterlyReport, ReportRelationshipRow, Tier, TIERS } from '../quarterly-report';
import { renderQuarterlyReportHtml } from './quarterly-report.html';
import { renderQuarterlyReportText } from './quarterly-report.text';

const figures = (netRevenue: string, spend: string, roi: number | null) => ({
  ...figuresOf(ZERO_TOTALS, 2),
  revenue: netRevenue,
  netRevenue,
  spend,
  roi,
  roas: roi === null ? null : roi + 1,
});
const outcomes = { due: 4, onTime: 2, late: 1, missed: 1, open: 0 };

function relationship(rank: number, name: string, roi: number | null, tier: Tier = 'micro'): ReportRelationshipRow {
  return {
    rank,
    relationshipId: `r${rank}`,
    influencer: { id: `i${rank}`, name, tier, followers: 20_000 },
    figures: figures('1000.00', roi === null ? '0.00' : '500.00', roi),
    deliverables: outcomes,
    accruedThrough: '2026-09-30',
    pendingCommission: rank === 1 ? '12.50' : '0.00',
    paid: '0.00',
    owed: '0.00',
  };
}

function report(overrides: Partial<QuarterlyReport> = {}): QuarterlyReport {
  return {
    brand: { id: 'b', name: 'Acme', currency: 'EUR', timezone: 'Europe/Paris', fiscalYearStartMonth: 1 },
    quarter: '2026-Q3',
    period: { from: '2026-07-01', to: '2026-09-30' },
    generatedAt: '2026-10-01T04:00:00.000Z',
    closed: true,
    snapshotCreatedAt: '2026-10-01T04:00:00.000Z',
    accruedThrough: '2026-09-30',
    pendingCommission: '12.50',
    paid: '0.00',
    owed: '0.00',
    totals: { ...figures('12345.60', '2000.00', 5.1728), relationships: 3, deliverables: outcomes },
    months: [
      { month: '2026-07', netRevenue: '4000.00', spend: '600.00', partial: false },
      { month: '2026-08', netRevenue: '-150.00', spend: '700.00', partial: false },
      { month: '2026-09', netRevenue: '8495.60', spend: '700.00', partial: false },
    ],
    relationships: [relationship(1, 'Maya', 1), relationship(2, 'Leo', -0.5), relationship(3, 'Nora', null)],
    tiers: TIERS.map((tier) => ({
      tier,
      relationships: tier === 'micro' ? 3 : 0,
      figures:
        tier === 'micro'
          ? figures('2000.00', '1000.00', 1)
          : tier === 'mid'
            ? figures('100.00', '400.00', -0.75)
            : figures('0.00', '0.00', null),
    })),
    renewalsDueNextQuarter: [
      {
        relationshipId: 'r1',
        contractId: 'c1',
        influencer: { id: 'i1', name: 'Maya', tier: 'micro' },
        endDate: '2026-11-30',
        autoRenew: true,
        noticeDeadline: '2026-10-31',
        roiTrend: [
          { quarter: '2025-Q4', roi: null },
          { quarter: '2026-Q1', roi: 0.25 },
          { quarter: '2026-Q2', roi: -0.1 },
          { quarter: '2026-Q3', roi: 1 },
        ],
      },
    ],
    adjustments: [{ quarter: '2026-Q2', netRevenue: '-35.50', spend: '12.00', conversions: -1 }],
    ...overrides,
  };
}

/** The markup of one chart, from its figure to the end of that figure. */
const chart = (html: string, key: string) =>
  html.slice(html.indexOf(`data-chart="${key}"`), html.indexOf('</figure>', html.indexOf(`data-chart="${key}"`)));
const bars = (markup: string) =>
  [...markup.matchAll(/<div data-bar="([^"]*)" data-value="([^"]*)"[^>]*style="([^"]*)"/g)].map(([, name, value, style]) => ({
    name,
    value,
    style,
  }));

describe('quarterly report renderers', () => {
  it('draws the three charts as HTML bars with a label for screen readers, no script and no remote asset', () => {
    const html = renderQuarterlyReportHtml(report());
    for (const key of ['revenue-vs-spend', 'roi-by-tier', 'top-ambassadors'])
      expect(html).toMatch(new RegExp(`<figure class="chart" data-chart="${key}" role="img" aria-label="[^"]+">`));
    expect(bars(chart(html, 'revenue-vs-spend'))).toHaveLength(6);
    expect(chart(html, 'revenue-vs-spend')).toContain(
      'Net revenue and spend per month: Jul 2026 net revenue 4,000.00 EUR, spend 600.00 EUR',
    );
    expect(html).not.toMatch(/<script|<svg|<img|<link|src=|url\(|@import|https?:\/\//i);
    expect(html).toContain(
      '<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;',
    );
    expect(html).toMatch(/@page \{ size: A4;/);
    expect(html).toContain('section + section { break-before: page; }');
  });

  it('draws a negative ROI as a red bar left of zero, and a null ROI as "n/a" without a bar', () => {
    const html = renderQuarterlyReportHtml(report());
    const tiers = chart(html, 'roi-by-tier');
    const tierBars = bars(tiers);
    expect(tierBars.map((b) => b.value)).toEqual(['1', '-0.75']);
    expect(tierBars[1].style).toMatch(/^width:100\.00%;background:#c0392b;.*;margin:2px 0 2px auto$/);
    expect(tierBars[0].style).toMatch(/^width:100\.00%;background:#2f5fb3;.*;margin:2px 0$/);
    expect(tiers.match(/n\/a \(no spend\)/g)).toHaveLength(3);
    // The negative side takes its share of the axis: 0.75 of 1.75.
    expect(tiers).toContain('<td style="width:24.00%');
    const top = chart(html, 'top-ambassadors');
    expect(bars(top).map((b) => b.value)).toEqual(['1', '-0.5']);
    expect(top).not.toContain('Nora');
    // The negative revenue month is drawn left of zero too.
    expect(bars(chart(html, 'revenue-vs-spend')).find((b) => b.value === '-150')?.style).toMatch(
      /^width:100\.00%;.*margin:2px 0 2px auto$/,
    );
  });

  it('draws a zero axis when a value is negative and none otherwise, a loss-only chart included', () => {
    const axis = (markup: string) => markup.includes('data-zero-axis="true"') && markup.includes('border-right:1px solid');
    const html = renderQuarterlyReportHtml(report());
    expect(axis(chart(html, 'roi-by-tier'))).toBe(true);
    expect(axis(chart(html, 'revenue-vs-spend'))).toBe(true);

    const gains = report({
      tiers: report().tiers.map((t) => ({ ...t, figures: t.tier === 'mid' ? figures('900.00', '400.00', 1.25) : t.figures })),
      months: report().months.map((m) => ({ ...m, netRevenue: m.netRevenue.replace('-', '') })),
    });
    const gainsHtml = renderQuarterlyReportHtml(gains);
    expect(chart(gainsHtml, 'roi-by-tier')).not.toMatch(/data-zero-axis|border-right/);
    expect(chart(gainsHtml, 'revenue-vs-spend')).not.toMatch(/data-zero-axis|border-right/);

    // Only one tier with spend, at a loss: the bar ends on a drawn axis, not as an unexplained red stripe.
    const losses = report({
      tiers: report().tiers.map((t) => ({ ...t, figures: t.tier === 'mid' ? t.figures : figures('0.00', '0.00', null) })),
    });
    const lossChart = chart(renderQuarterlyReportHtml(losses), 'roi-by-tier');
    expect(axis(lossChart)).toBe(true);
    expect(bars(lossChart).map((b) => b.value)).toEqual(['-0.75']);
  });

  it('marks a month in progress as partial: labelled, paler bars, in the screen-reader summary and the text version', () => {
    const inProgress = report({
      closed: false,
      snapshotCreatedAt: null,
      months: report().months.map((m) => ({ ...m, partial: m.month === '2026-09' })),
    });
    const revenue = chart(renderQuarterlyReportHtml(inProgress), 'revenue-vs-spend');
    expect(revenue.match(/data-partial="true"/g)).toHaveLength(1);
    expect(revenue).toContain('<tr data-partial="true"><th scope="row" class="chart-label">Sep 2026 (partial)</th>');
    expect(revenue).toContain('Sep 2026 (partial) net revenue 8,495.60 EUR');
    expect(revenue).not.toContain('Aug 2026 (partial)');
    expect(bars(revenue).filter((b) => b.style.endsWith(';opacity:.5'))).toHaveLength(2);
    expect(renderQuarterlyReportText(inProgress)).toMatch(/Sep 2026 \(partial\) +8,495\.60 EUR/);
    expect(chart(renderQuarterlyReportHtml(report()), 'revenue-vs-spend')).not.toMatch(/partial/);
  });

  it('shows beside ROI how far retainers are accrued and the commission still pending, or that an old snapshot did not record them', () => {
    const html = renderQuarterlyReportHtml(report());
    expect(html).toContain('<dt>Retainers accrued through</dt><dd>30 Sep 2026</dd>');
    expect(html).toContain('<dt>Pending commission (not in spend)</dt><dd>12.50 EUR</dd>');
    expect(renderQuarterlyReportText(report())).toMatch(/Pending commission \(not in spend\) +12\.50 EUR/);
    const noRetainer = renderQuarterlyReportHtml(report({ accruedThrough: null }));
    expect(noRetainer).toContain('<dt>Retainers accrued through</dt><dd>n/a (no retainer)</dd>');
    const old = renderQuarterlyReportHtml(report({ accruedThrough: null, pendingCommission: null }));
    expect(old).toContain('<dt>Retainers accrued through</dt><dd>not recorded</dd>');
    expect(old).toContain('<dt>Pending commission (not in spend)</dt><dd>not recorded</dd>');
  });

  it('ranks at most ten ambassadors in the chart and all of them in the table', () => {
    const many = Array.from({ length: 14 }, (_, i) => relationship(i + 1, `Creator ${i + 1}`, 2 - i * 0.2));
    const html = renderQuarterlyReportHtml(report({ relationships: many }));
    expect(bars(chart(html, 'top-ambassadors'))).toHaveLength(10);
    expect(html).toContain('<th scope="row">14</th><td>Creator 14</td>');
  });

  it('escapes every interpolated text: a <script> in a name stays text', () => {
    const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const r = report({
      brand: { id: 'b', name: `Acme "&" <b>`, currency: 'EUR', timezone: 'Europe/Paris', fiscalYearStartMonth: 1 },
      relationships: [relationship(1, evil, 0.5)],
      renewalsDueNextQuarter: [{ ...report().renewalsDueNextQuarter[0], influencer: { id: 'i', name: evil, tier: 'micro' } }],
    });
    const html = renderQuarterlyReportHtml(r, { intro: `Hi <i>team</i>`, viewUrl: 'https://crm.example.com/v1/x?a=1&b="2"' });
    expect(html).not.toMatch(/<script|<img|<b>|<i>|onerror=alert\(1\)>/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<title>Acme &quot;&amp;&quot; &lt;b&gt;: ambassador program report 2026-Q3</title>');
    expect(html).toContain('aria-label="Top 1 ambassadors by ROI: &lt;script&gt;');
    expect(html).toContain('href="https://crm.example.com/v1/x?a=1&amp;b=&quot;2&quot;"');
  });

  it('renders an empty quarter without failing: zero figures, n/a ratios, empty-state lines', () => {
    const empty = report({
      totals: { ...figuresOf(ZERO_TOTALS, 2), relationships: 0, deliverables: { due: 0, onTime: 0, late: 0, missed: 0, open: 0 } },
      relationships: [],
      renewalsDueNextQuarter: [],
      adjustments: [],
      closed: false,
      snapshotCreatedAt: null,
    });
    const html = renderQuarterlyReportHtml(empty);
    expect(html).toContain('Quarter in progress');
    expect(html).toContain('<dt>ROI</dt><dd>n/a</dd>');
    expect(html).toContain('No relationship had activity this quarter.');
    expect(chart(html, 'top-ambassadors')).toContain('No data for this quarter.');
    expect(renderQuarterlyReportText(empty)).toContain('No ambassador had spend this quarter.');
  });

  it('writes a plain-text version with the same figures', () => {
    const text = renderQuarterlyReportText(report(), { viewUrl: 'https://crm.example.com/view' });
    expect(text).toContain('Acme: ambassador program report 2026-Q3');
    expect(text).toMatch(/ {2}Net revenue +12,345\.60 EUR/);
    expect(text).toMatch(/ {2}ROI +517\.3 %/);
    expect(text).toMatch(/Aug 2026 +-150\.00 EUR +700\.00 EUR/);
    expect(text).toMatch(/1\. Maya \(micro\) +100\.0 %/);
    expect(text).toContain(
      'Maya: ends 30 Nov 2026, auto-renews unless notice by 31 Oct 2026; ROI 2025-Q4 n/a → 2026-Q1 25.0 % → 2026-Q2 -10.0 % → 2026-Q3 100.0 %',
    );
    expect(text).toMatch(/2026-Q2 +-35\.50 EUR +\+12\.00 EUR +-1/);
    expect(text).toContain('Open it in your browser: https://crm.example.com/view');
    expect(text).not.toMatch(/<[a-z]/i);
  });
});
