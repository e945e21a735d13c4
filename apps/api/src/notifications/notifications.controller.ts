import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundException, toPage } from '@app/common';
import { NotificationsService } from '@app/notifications';
import { IdParam } from '../core/id-param';
import { ListNotificationsQuery, NotificationList, NotificationView } from './notifications.dto';
import { toNotificationView } from './notifications.views';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Reminder and event emails of the workspace, newest first' })
  @ApiOkResponse({ type: NotificationList })
  async list(@Query() query: ListNotificationsQuery): Promise<NotificationList> {
    const { kind, status, audience, subjectId, limit, cursor } = query;
    return toPage(await this.notifications.list({ kind, status, audience, subjectId }, limit, cursor), limit, toNotificationView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One notification: what was sent, scheduled, skipped or failed, and to whom' })
  @ApiOkResponse({ type: NotificationView })
  async get(@IdParam() id: string): Promise<NotificationView> {
    const row = await this.notifications.find(id);
    if (!row) throw new NotFoundException('notification', id);
    return toNotificationView(row);
  }
}
