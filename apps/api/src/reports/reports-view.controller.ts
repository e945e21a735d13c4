import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiGoneResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { noticePage, paragraphs, Public, RequestContext } from '@app/common';
import { QuarterlyReport, QuarterlyReportsService, renderQuarterlyReportHtml, REPORT_CSP, ReportLinksService } from '@app/reports';
import { htmlPage } from '../core/html-page';
import { QuarterlyReportQuery } from './reports.dto';
import { SharedReportQuery } from './reports-view.dto';

const html = {
  description: 'One self-contained HTML document (inline CSS only, no script), printable on A4',
  content: { 'text/html': { schema: { type: 'string' } } },
};

/**
 * The report as a page. Its own Content-Security-Policy replaces the API's: inline styles and nothing else
 * (no script, no remote asset), so even an influencer name that got past escaping could not run.
 */
@ApiTags('reports')
@Controller('reports/quarterly/view')
export class ReportsViewController {
  constructor(
    private readonly reports: QuarterlyReportsService,
    private readonly links: ReportLinksService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The quarterly report as an HTML page with charts (revenue vs spend, ROI by tier, top ambassadors); same data as GET /v1/reports/quarterly',
  })
  @ApiProduces('text/html')
  @ApiOkResponse(html)
  async view(@Query() query: QuarterlyReportQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.page(res, await this.reports.get(RequestContext.workspaceId(), query.brandId, query.quarter));
  }

  @Get('shared')
  // Applied after @Public()'s own ApiOperation, which it would otherwise replace: keeps `security: []` with the summary.
  @ApiOperation({
    summary:
      'The page of a report link (a report email or POST /v1/reports/quarterly/share): the report as it was when the link was made; no bearer token, the link is the credential',
    security: [],
  })
  @Public()
  @ApiProduces('text/html')
  @ApiOkResponse(html)
  @ApiUnauthorizedResponse({ description: 'The link was altered or is incomplete (an HTML page saying so)' })
  @ApiGoneResponse({ description: 'The link has expired or was revoked by an admin (an HTML page saying so)' })
  async shared(@Query() query: SharedReportQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    const opened = await this.links.open(query.token);
    if (opened.state === 'valid') return this.page(res, opened.value);
    const ask = 'Ask the person who sent it for a new link, or open the report in the app.';
    if (opened.state === 'invalid')
      return htmlPage(
        res,
        401,
        noticePage('Link not valid', paragraphs(`This report link is incomplete or was altered. ${ask}`)),
        REPORT_CSP,
      );
    const why =
      opened.state === 'expired'
        ? `This report link expired on ${day(opened.expiredAt)}.`
        : `This report link was revoked by an admin of the workspace on ${day(opened.revokedAt)}.`;
    return htmlPage(res, 410, noticePage(opened.state === 'expired' ? 'Link expired' : 'Link revoked', paragraphs(why, ask)), REPORT_CSP);
  }

  private page(res: Response, report: QuarterlyReport): string {
    return htmlPage(res, 200, renderQuarterlyReportHtml(report), REPORT_CSP);
  }
}

const day = (at: Date) => at.toISOString().slice(0, 10);
