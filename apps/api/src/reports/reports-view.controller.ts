import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Clock, escapeHtml, Public, RequestContext } from '@app/common';
import { AppConfig } from '@app/config';
import { QuarterlyReport, QuarterlyReportsService, renderQuarterlyReportHtml, REPORT_CSP, verifyReportLink } from '@app/reports';
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
    private readonly config: AppConfig,
    private readonly clock: Clock,
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
      "The same page through the signed link of a report email (no bearer token: the link is the credential, valid 30 days, for that brand's quarter only)",
    security: [],
  })
  @Public()
  @ApiProduces('text/html')
  @ApiOkResponse(html)
  @ApiUnauthorizedResponse({ description: 'The link was altered or has expired (an HTML page saying so)' })
  async shared(@Query() query: SharedReportQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    const claim = verifyReportLink(this.config.JWT_SECRET, query.token, this.clock.now());
    if (!claim) {
      res.status(401);
      return this.notice(
        res,
        'Link not valid',
        'This report link was altered or has expired. Open the report from the app, or ask for a new email.',
      );
    }
    return this.page(res, await this.reports.get(claim.workspaceId, claim.brandId, claim.quarter));
  }

  private page(res: Response, report: QuarterlyReport): string {
    this.headers(res);
    return renderQuarterlyReportHtml(report);
  }

  private notice(res: Response, title: string, text: string): string {
    this.headers(res);
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;
  }

  private headers(res: Response): void {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Security-Policy', REPORT_CSP);
    // Private figures; the shared link's token must not travel in a Referer either.
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
  }
}
