export const NOTIFICATION_KINDS = [
  'renewal_upcoming',
  'notice_deadline',
  'renewed',
  'ended',
  'deliverable_due_soon',
  'deliverable_overdue',
  'approval_waiting',
  'quarterly_report',
  'member_invitation',
  'payout_approved',
  'payout_paid',
  // The ambassador portal (docs/portal.md): its sign-in email (libs/portal renders it), terms sent to accept,
  // changes requested on submitted content (to the influencer), content submitted from the portal (to the managers).
  'portal_sign_in',
  'terms_to_accept',
  'changes_requested',
  'deliverable_submitted',
  'webhook_endpoint_disabled',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** `late` is a pending row inserted after its moment had passed; once sent it is `sent` with late = true. */
export const NOTIFICATION_STATUSES = ['scheduled', 'sent', 'late', 'skipped', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * Who a row is written to: the influencer (an outsider to the workspace: own wording, List-Unsubscribe),
 * the brand's managers (members: no unsubscribe), or the invitee of a member invitation (one email they
 * asked nobody for, so no list to leave). A moment that concerns several has one row per audience.
 */
export const NOTIFICATION_AUDIENCES = ['influencer', 'managers', 'invitee'] as const;
export type NotificationAudience = (typeof NOTIFICATION_AUDIENCES)[number];

/**
 * Influencer emails an unsubscribe stops (and that carry List-Unsubscribe): courtesy reminders. A notice about
 * the contract itself, an overdue deliverable, still reaches an unsubscribed influencer (docs/reminders.md).
 */
export const UNSUBSCRIBABLE_KINDS: readonly NotificationKind[] = ['deliverable_due_soon'];

/** Statuses a send job may still act on; every other one is final. */
export const PENDING_STATUSES: readonly NotificationStatus[] = ['scheduled', 'late'];

/** What a row is about: a reminder's contract, deliverable or brand, or the record an event email comes from. */
export const NOTIFICATION_SUBJECT_TYPES = [
  'contract',
  'deliverable',
  'brand',
  'invitation',
  'payout',
  'portal_sign_in',
  'webhook_endpoint',
] as const;
export type NotificationSubjectType = (typeof NOTIFICATION_SUBJECT_TYPES)[number];

export interface NotificationRow {
  id: string;
  workspaceId: string;
  kind: NotificationKind;
  subjectType: NotificationSubjectType;
  subjectId: string;
  offsetDays: number;
  period: string;
  audience: NotificationAudience;
  recipients: string[];
  subjectLine: string | null;
  status: NotificationStatus;
  late: boolean;
  dueAt: Date;
  sentAt: Date | null;
  messageId: string | null;
  error: string | null;
  attempts: number;
  createdAt: Date;
}

/** Columns in camelCase for raw SQL reads (`SELECT ${NOTIFICATION_COLUMNS} FROM notifications n`). */
export const NOTIFICATION_COLUMNS = `n.id, n.workspace_id AS "workspaceId", n.kind, n.subject_type AS "subjectType", n.subject_id AS "subjectId",
  n.offset_days AS "offsetDays", n.period, n.audience, n.recipients, n.subject_line AS "subjectLine", n.status, n.late, n.due_at AS "dueAt",
  n.sent_at AS "sentAt", n.message_id AS "messageId", n.error, n.attempts, n.created_at AS "createdAt"`;
