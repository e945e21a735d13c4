import { DynamicModule, Module, ModuleMetadata, Type } from '@nestjs/common';
import { MailModule } from '@app/mail';
import { NOTIFICATION_CONTENTS, NotificationContent } from './notification-content';
import { NotificationSchedule } from './notification-schedule';
import { NotificationSender } from './notification-sender';
import { NotificationsService } from './notifications.service';

/** Listing, scheduling, enqueueing and unsubscribing: for the API and for the contexts that schedule emails. */
@Module({ providers: [NotificationsService, NotificationSchedule], exports: [NotificationsService, NotificationSchedule] })
export class NotificationsModule {}

export interface NotificationsWorkerOptions {
  /** Modules that export the `contents` (the worker: the reports' mailing module, the workspaces module). */
  imports?: ModuleMetadata['imports'];
  /** Who renders the kinds another context owns, e.g. `[QuarterlyReportEmail, InvitationEmail]`. */
  contents?: Type<NotificationContent>[];
}

/** The worker side: the notifications.send handler and the mail transport it sends through. */
@Module({})
export class NotificationsWorkerModule {
  static forRoot(options: NotificationsWorkerOptions = {}): DynamicModule {
    return {
      module: NotificationsWorkerModule,
      imports: [MailModule, NotificationsModule, ...(options.imports ?? [])],
      providers: [
        NotificationSender,
        { provide: NOTIFICATION_CONTENTS, useFactory: (...contents: NotificationContent[]) => contents, inject: options.contents ?? [] },
      ],
      exports: [NotificationsModule, NotificationSender],
    };
  }
}
