import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditLogReader } from '@app/activity';
import { RequireRole, Role, toPage, ValidationException } from '@app/common';
import { AuditEntryList, AuditLogQuery } from './audit-log.dto';
import { toAuditEntryView } from './audit-log.views';

@ApiTags('audit-log')
@RequireRole(Role.Admin)
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly reader: AuditLogReader) {}

  @Get()
  @ApiOperation({
    summary:
      'Who changed what in the workspace, newest first: members, API keys, settings, brands, contracts and the rest of the activity log. Admins and owners.',
  })
  @ApiOkResponse({ type: AuditEntryList })
  async list(@Query() query: AuditLogQuery): Promise<AuditEntryList> {
    const { limit, cursor, ...filter } = query;
    if (filter.from && filter.to && Date.parse(filter.from) > Date.parse(filter.to))
      throw new ValidationException([{ field: 'to', message: 'must not be before from' }]);
    return toPage(await this.reader.list(filter, limit, cursor), limit, toAuditEntryView);
  }
}
