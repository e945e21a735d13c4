import { DynamicModule, Module, ModuleMetadata, Provider } from '@nestjs/common';
import { MailModule } from '@app/mail';
import { NotificationSender } from './notification-sender';
import { NotificationsService } from './notifications.service';

/** Listing, enqueueing and unsubscribing: for the API and for the scans that insert notification rows. */
@Module({ providers: [NotificationsService], exports: [NotificationsService] })
export class NotificationsModule {}

export interface NotificationsWorkerOptions {
  /** Modules that export what `content` needs (the worker: the reports' mailing module). */
  imports?: ModuleMetadata['imports'];
  /** Who renders the kinds another context owns, e.g. `{ provide: NotificationContent, useExisting: QuarterlyReportEmail }`. */
  content?: Provider;
}

/** The worker side: the notifications.send handler and the mail transport it sends through. */
@Module({})
export class NotificationsWorkerModule {
  static forRoot(options: NotificationsWorkerOptions = {}): DynamicModule {
    return {
      module: NotificationsWorkerModule,
      imports: [MailModule, NotificationsModule, ...(options.imports ?? [])],
      providers: [NotificationSender, ...(options.content ? [options.content] : [])],
      exports: [NotificationsModule, NotificationSender],
    };
  }
}
