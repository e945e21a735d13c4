import { Injectable } from '@nestjs/common';
import { consoleLink, NotificationContent, NotificationRow, RenderedEmail, TemplateData } from '@app/notifications';
import { ReportLinksService } from '../links/report-links.service';
import { QuarterlyReport } from '../quarterly-report';
import { toCsv } from '../quarterly-report.csv';
import { money, percent } from '../render/format';
import { renderQuarterlyReportHtml } from '../render/quarterly-report.html';
import { renderQuarterlyReportText } from '../render/quarterly-report.text';
import { quarterOfPeriod } from './quarter-close';

function intro(report: QuarterlyReport): string {
  const t = report.totals;
  const c = report.brand.currency;
  const state = report.closed ? `${report.quarter} has closed` : `${report.quarter} is still in progress (figures so far)`;
  return `${state}: net revenue ${money(t.netRevenue, c)}, spend ${money(t.spend, c)}, ROI ${percent(t.roi)}. The ranking of every ambassador is attached as CSV.`;
}

/**
 * The quarterly_report email, rendered when notifications.send delivers the row: the snapshot of a closed
 * quarter (else the live report), as HTML with the charts inline, as plain text, and the ranked table as a
 * CSV attachment; both parts link to the page through the email's report link (REPORT_LINK_DAYS), which
 * stores that report: the email is rendered from the stored copy, so the link shows what the email said,
 * on every attempt; and to the report in the console (for the managers it goes to).
 */
@Injectable()
export class QuarterlyReportEmail extends NotificationContent {
  readonly kinds = ['quarterly_report'] as const;

  constructor(private readonly links: ReportLinksService) {
    super();
  }

  async render(row: NotificationRow, data: TemplateData | undefined, appUrl: string): Promise<RenderedEmail | undefined> {
    if (!data) return undefined;
    const quarter = quarterOfPeriod(row.period);
    const { report, url } = await this.links.forEmail(row, quarter);
    const options = { intro: intro(report), viewUrl: url, consoleUrl: consoleLink(appUrl, row, data, quarter) };
    return {
      subject: `${report.brand.name}: ambassador program report ${quarter}${report.closed ? '' : ' (in progress)'}`,
      text: renderQuarterlyReportText(report, options),
      html: renderQuarterlyReportHtml(report, options),
      attachments: [{ filename: `quarterly-report-${quarter}.csv`, content: toCsv(report), contentType: 'text/csv; charset=utf-8' }],
    };
  }
}
