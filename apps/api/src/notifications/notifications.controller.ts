import { Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { NotFoundException, Public, toPage } from '@app/common';
import { escapeHtml, NotificationsService } from '@app/notifications';
import { IdParam } from '../core/id-param';
import { ListNotificationsQuery, NotificationList, NotificationView, toNotificationView } from './notifications.dto';

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

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body></html>`;

/** The link and the List-Unsubscribe(-Post) target of influencer emails; the signed token is the only credential. */
@ApiTags('notifications')
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Unsubscribes the influencer the signed token names from reminder emails' })
  @Public()
  @ApiProduces('text/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async page(@Query('token') token: string | undefined, @Res({ passthrough: true }) res: Response): Promise<string> {
    const done = await this.notifications.unsubscribe(token);
    if (!done) {
      res.status(400);
      return page('Link not valid', 'This unsubscribe link is incomplete or was altered. Copy the whole link from the email.');
    }
    return page('Unsubscribed', `${done.email} will no longer receive reminder emails from this program.`);
  }

  /** RFC 8058 one-click: mail clients POST `List-Unsubscribe=One-Click` to the header's URL. */
  @Post()
  @ApiOperation({ summary: 'RFC 8058 one-click unsubscribe (List-Unsubscribe-Post)' })
  @Public()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  async oneClick(@Query('token') token: string | undefined, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.page(token, res);
  }
}
