import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { NotificationContent, NotificationRow, RenderedEmail, TemplateData } from '@app/notifications';
import { QuarterlyReport } from '../quarterly-report';
import { toCsv } from '../quarterly-report.csv';
import { QuarterlyReportsService } from '../quarterly-reports.service';
import { money, percent } from '../render/format';
import { renderQuarterlyReportHtml } from '../render/quarterly-report.html';
import { renderQuarterlyReportText } from '../render/quarterly-report.text';
import { quarterOfPeriod } from './quarter-close';
import { REPORT_LINK_DAYS, reportLinkUrl, signReportLink } from './report-link';

function intro(report: QuarterlyReport): string {
  const t = report.totals;
  const c = report.brand.currency;
  const state = report.closed ? `${report.quarter} has closed` : `${report.quarter} is still in progress (figures so far)`;
  return `${state}: net revenue ${money(t.netRevenue, c)}, spend ${money(t.spend, c)}, ROI ${percent(t.roi)}. The ranking of every ambassador is attached as CSV.`;
}

/**
 * The quarterly_report email, rendered when notifications.send delivers the row: the snapshot of a closed
 * quarter (else the live report), as HTML with the charts inline, as plain text, and the ranked table as a
 * CSV attachment; both parts link to the page through a signed link valid REPORT_LINK_DAYS.
 */
@Injectable()
export class QuarterlyReportEmail extends NotificationContent {
  readonly kinds = ['quarterly_report'] as const;

  constructor(
    private readonly reports: QuarterlyReportsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
  }

  async render(row: NotificationRow, data: TemplateData | undefined, appUrl: string): Promise<RenderedEmail | undefined> {
    if (!data) return undefined;
    const quarter = quarterOfPeriod(row.period);
    const report = await this.reports.get(row.workspaceId, row.subjectId, quarter);
    const expiresAt = new Date(this.clock.now().getTime() + REPORT_LINK_DAYS * 24 * 3600 * 1000);
    const token = signReportLink(this.config.JWT_SECRET, { workspaceId: row.workspaceId, brandId: report.brand.id, quarter }, expiresAt);
    const options = { intro: intro(report), viewUrl: reportLinkUrl(appUrl, token) };
    return {
      subject: `${report.brand.name}: ambassador program report ${quarter}${report.closed ? '' : ' (in progress)'}`,
      text: renderQuarterlyReportText(report, options),
      html: renderQuarterlyReportHtml(report, options),
      attachments: [{ filename: `quarterly-report-${quarter}.csv`, content: toCsv(report), contentType: 'text/csv; charset=utf-8' }],
    };
  }
}
