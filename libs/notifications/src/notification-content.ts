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
 * itself, with its charts and CSV; member_invitation: libs/workspaces). The worker binds them through
 * NotificationsWorkerModule.forRoot; without one, a kind gets the short template of templates.ts. A
 * registration rather than an import because those contexts import this one (NotificationSchedule): the
 * sender calling them directly would close an import cycle between the libraries. Rendered
 * at send time, on every attempt. `data` is undefined when the subject is not a brand, contract or
 * deliverable, or is gone; undefined back means there is nothing to send any more (the row is skipped).
 */
export abstract class NotificationContent {
  abstract readonly kinds: readonly NotificationKind[];
  abstract render(row: NotificationRow, data: TemplateData | undefined, appUrl: string): Promise<RenderedEmail | undefined>;
}

/** The injection token of the NotificationContent list the sender picks from. */
export const NOTIFICATION_CONTENTS = Symbol('NOTIFICATION_CONTENTS');
