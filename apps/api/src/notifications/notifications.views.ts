import { NotificationRow } from '@app/notifications';
import { NotificationView } from './notifications.dto';

export const toNotificationView = (n: NotificationRow): NotificationView => ({
  id: n.id,
  kind: n.kind,
  subjectType: n.subjectType,
  subjectId: n.subjectId,
  offsetDays: n.offsetDays,
  audience: n.audience,
  recipients: n.recipients,
  subject: n.subjectLine,
  status: n.status,
  late: n.late,
  dueAt: n.dueAt,
  sentAt: n.sentAt,
  attempts: n.attempts,
  error: n.error,
  createdAt: n.createdAt,
});
