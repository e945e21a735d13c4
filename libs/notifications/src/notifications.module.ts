import { Module } from '@nestjs/common';
import { MailModule } from '@app/mail';
import { NotificationSender } from './notification-sender';
import { NotificationsService } from './notifications.service';

/** Listing, enqueueing and unsubscribing: for the API and for the scans that insert notification rows. */
@Module({ providers: [NotificationsService], exports: [NotificationsService] })
export class NotificationsModule {}

/** The worker side: the notifications.send handler and the mail transport it sends through. */
@Module({ imports: [MailModule, NotificationsModule], providers: [NotificationSender], exports: [NotificationsModule] })
export class NotificationsWorkerModule {}
