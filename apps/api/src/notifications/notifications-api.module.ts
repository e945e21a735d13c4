import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { NotificationsController, UnsubscribeController } from './notifications.controller';

@Module({ imports: [NotificationsModule], controllers: [NotificationsController, UnsubscribeController] })
export class NotificationsApiModule {}
