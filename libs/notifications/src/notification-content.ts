import { NotificationKind, NotificationRow } from './notification-kinds';
import { TemplateData } from './notification-data';

export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

/**
 * The email of kinds whose content another context owns (quarterly_report: libs/reports renders the report
 * itself, with its charts and CSV). The worker binds it through NotificationsWorkerModule.forRoot; without
 * one, those kinds get the short template of templates.ts. Rendered at send time, on every attempt.
 */
export abstract class NotificationContent {
  abstract readonly kinds: readonly NotificationKind[];
  abstract render(row: NotificationRow, data: TemplateData, appUrl: string): Promise<RenderedEmail>;
}
