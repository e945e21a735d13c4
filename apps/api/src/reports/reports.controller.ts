import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { RequestContext } from '@app/common';
import { JobName, JobQueue, QueueUnavailableException } from '@app/queue';
import { csvChunks, jsonChunks, QuarterlyReportsService, ReportLinksService } from '@app/reports';
import { ReportSendLimits } from '../core/rate-limit/report-send-limits';
import { QuarterlyReportView } from './quarterly-report.views';
import { SharedReportLinkView, ShareQuarterlyReportRequest, toReportLinkView } from './report-links.dto';
import { ReadQuarterlyReportQuery, SendQuarterlyReportAccepted, SendQuarterlyReportRequest } from './reports.dto';

@ApiTags('reports')
@Controller('reports/quarterly')
export class ReportsController {
  constructor(
    private readonly reports: QuarterlyReportsService,
    private readonly jobs: JobQueue,
    private readonly links: ReportLinksService,
    private readonly limits: ReportSendLimits,
  ) {}

  @Get()
  @ApiOperation({
    summary: "A brand's quarterly ROI report: the snapshot of a closed quarter once taken, else live from the rollups (docs/reports.md)",
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: QuarterlyReportView, description: 'With `Accept: text/csv`: the per-relationship table as a CSV attachment' })
  async get(@Query() query: ReadQuarterlyReportQuery, @Headers('accept') accept?: string): Promise<QuarterlyReportView | StreamableFile> {
    const report = await this.reports.get(RequestContext.workspaceId(), query.brandId, query.quarter);
    // Both are streamed as they are serialised: a 10,000-row report is ~7 MB of JSON.
    if (accept?.includes('text/csv')) {
      return new StreamableFile(Readable.from(csvChunks(report)), {
        type: 'text/csv; charset=utf-8',
        disposition: `attachment; filename="quarterly-report-${report.quarter}.csv"`,
      });
    }
    const sent = query.limit === undefined ? report : { ...report, relationships: report.relationships.slice(0, query.limit) };
    return new StreamableFile(Readable.from(jsonChunks(sent)), { type: 'application/json; charset=utf-8' });
  }

  @Post('send')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: "Emails the report to the brand's managers, from the worker (reports.quarterly job)" })
  @ApiAcceptedResponse({ type: SendQuarterlyReportAccepted })
  @ApiTooManyRequestsResponse({
    description:
      'REPORT_SENDS_THROTTLED: over REPORT_SENDS_PER_WORKSPACE_PER_HOUR or REPORT_SENDS_PER_BRAND_QUARTER_PER_DAY (docs/operations.md); see Retry-After',
  })
  async send(@Body() body: SendQuarterlyReportRequest, @Res({ passthrough: true }) res: Response): Promise<SendQuarterlyReportAccepted> {
    // Checked here so a wrong brand or a future quarter is a 404/400 now, not a failed job later (nor a counted send).
    const { brand, quarter } = await this.reports.resolve(RequestContext.workspaceId(), body.brandId, body.quarter);
    const sends = await this.limits.take(RequestContext.workspaceId(), brand.id, quarter, res);
    // A fresh requestId per request: its own job and email, even after the close email went out.
    const requestId = randomUUID();
    // Only the job records this request: with the queue backend down, answer 503 at once instead of waiting for it.
    // Priority = the workspace's sends this hour: its n-th waits behind every other workspace's first to n-th, never behind a whole burst.
    const item = { name: JobName.ReportsQuarterly, data: { brandId: brand.id, quarter, requestId } } as const;
    await this.jobs.tryAdd(item, { priority: Math.max(1, sends) }).catch(async (error: unknown) => {
      await this.limits.refund(RequestContext.workspaceId(), brand.id, quarter);
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
