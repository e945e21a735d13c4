import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RequestContext } from '@app/common';
import { JobName, JobQueue, QueueUnavailableException } from '@app/queue';
import { QuarterlyReportsService, ReportLinksService, toCsv } from '@app/reports';
import { QuarterlyReportView } from './quarterly-report.views';
import { SharedReportLinkView, ShareQuarterlyReportRequest, toReportLinkView } from './report-links.dto';
import { QuarterlyReportQuery, SendQuarterlyReportAccepted, SendQuarterlyReportRequest } from './reports.dto';

@ApiTags('reports')
@Controller('reports/quarterly')
export class ReportsController {
  constructor(
    private readonly reports: QuarterlyReportsService,
    private readonly jobs: JobQueue,
    private readonly links: ReportLinksService,
  ) {}

  @Get()
  @ApiOperation({
    summary: "A brand's quarterly ROI report: the snapshot of a closed quarter once taken, else live from the rollups (docs/reports.md)",
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: QuarterlyReportView, description: 'With `Accept: text/csv`: the per-relationship table as a CSV attachment' })
  async get(@Query() query: QuarterlyReportQuery, @Headers('accept') accept?: string): Promise<QuarterlyReportView | StreamableFile> {
    const report = await this.reports.get(RequestContext.workspaceId(), query.brandId, query.quarter);
    if (accept?.includes('text/csv')) {
      return new StreamableFile(Buffer.from(toCsv(report)), {
        type: 'text/csv; charset=utf-8',
        disposition: `attachment; filename="quarterly-report-${report.quarter}.csv"`,
      });
    }
    return report;
  }

  @Post('send')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: "Emails the report to the brand's managers, from the worker (reports.quarterly job)" })
  @ApiAcceptedResponse({ type: SendQuarterlyReportAccepted })
  async send(@Body() body: SendQuarterlyReportRequest): Promise<SendQuarterlyReportAccepted> {
    // Checked here so a wrong brand or a future quarter is a 404/400 now, not a failed job later.
    const { brand, quarter } = await this.reports.resolve(RequestContext.workspaceId(), body.brandId, body.quarter);
    // A fresh requestId per request: its own job and email, even after the close email went out.
    const requestId = randomUUID();
    // Only the job records this request: with the queue backend down, answer 503 at once instead of waiting for it.
    await this.jobs.tryAdd({ name: JobName.ReportsQuarterly, data: { brandId: brand.id, quarter, requestId } }).catch((error: unknown) => {
      throw new QueueUnavailableException(error);
    });
    return { brandId: brand.id, quarter, requestId, status: 'queued' };
  }

  @Post('share')
  @ApiOperation({
    summary:
      'A link to the report page for people without an account: signed, expiring (expiresInDays, default 7), showing the report as it is now even if figures change later; admins can revoke it',
  })
  @ApiCreatedResponse({ type: SharedReportLinkView })
  async share(@Body() body: ShareQuarterlyReportRequest): Promise<SharedReportLinkView> {
    const { link, url } = await this.links.share(body.brandId, body.quarter, body.expiresInDays);
    return { ...toReportLinkView(link), url };
  }
}
