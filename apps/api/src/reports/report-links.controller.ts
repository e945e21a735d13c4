import { Controller, Delete, Get, HttpCode, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole, Role, toPage } from '@app/common';
import { ReportLinksService } from '@app/reports';
import { IdParam } from '../core/id-param';
import { ListReportLinksQuery, ReportLinkList, ReportLinkView, toReportLinkView } from './report-links.dto';

/** The report links of the workspace (emails and shares), for admins to see and revoke; never their URLs. */
@ApiTags('reports')
@RequireRole(Role.Admin)
@Controller('reports/links')
export class ReportLinksController {
  constructor(private readonly links: ReportLinksService) {}

  @Get()
  @ApiOperation({
    summary: 'Report links of the workspace (of report emails and shares), newest first, with expiry and revocation. Admins.',
  })
  @ApiOkResponse({ type: ReportLinkList })
  async list(@Query() query: ListReportLinksQuery): Promise<ReportLinkList> {
    return toPage(await this.links.list({ brandId: query.brandId }, query.limit, query.cursor), query.limit, toReportLinkView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One report link. Admins.' })
  @ApiOkResponse({ type: ReportLinkView })
  async get(@IdParam() id: string): Promise<ReportLinkView> {
    return toReportLinkView(await this.links.find(id));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revokes a report link: its page answers 410 from now on. Admins; recorded in the audit log.' })
  @ApiNoContentResponse({ description: 'Revoked (again: no change)' })
  revoke(@IdParam() id: string): Promise<void> {
    return this.links.revoke(id);
  }
}
