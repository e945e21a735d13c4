import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole, Role } from '@app/common';
import { MailOutboxQuery, OutboxMessageList } from './mail-outbox.dto';
import { MailOutboxService } from './mail-outbox.service';

@ApiTags('mail-outbox')
@RequireRole(Role.Admin)
@Controller('mail-outbox')
export class MailOutboxController {
  constructor(private readonly outbox: MailOutboxService) {}

  @Get()
  @ApiOperation({
    summary:
      'Zero-config mode only (SMTP_URL unset): the newest emails of the workspace written to MAIL_OUTBOX_DIR, with their links (admin)',
  })
  @ApiOkResponse({ type: OutboxMessageList })
  @ApiNotFoundResponse({ description: 'SMTP_URL is set: mail goes to the SMTP server, there is no outbox' })
  async list(@Query() query: MailOutboxQuery): Promise<OutboxMessageList> {
    return { data: await this.outbox.list(query.limit), nextCursor: null };
  }
}
