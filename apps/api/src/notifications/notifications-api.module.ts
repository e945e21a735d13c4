import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { EmailLinksController } from './email-links.controller';
import { NotificationsController } from './notifications.controller';
import { UnsubscribeController } from './unsubscribe.controller';

@Module({ imports: [NotificationsModule], controllers: [NotificationsController, UnsubscribeController, EmailLinksController] })
export class NotificationsApiModule {}
