export const DELIVERABLE_STATUSES = ['planned', 'submitted', 'changes_requested', 'approved', 'published', 'missed', 'cancelled'] as const;
export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number];

/** Still owed: what a terminated contract cancels and what can become overdue. */
export const OPEN_STATUSES: readonly DeliverableStatus[] = ['planned', 'submitted', 'changes_requested', 'approved'];

/** The brief, type, date and fee may change only before the content is under review or after a review asked for changes. */
export const EDITABLE_STATUSES: readonly DeliverableStatus[] = ['planned', 'changes_requested'];

export type DeliverableAction = 'submit' | 'requestChanges' | 'approve' | 'publish' | 'cancel';

/**
 * The whole workflow in one table. `missed` is set by the worker, never by a client, and like
 * `published` and `cancelled` it is terminal. `name` is the route, `activity` the action name in the activity log.
 */
export const TRANSITIONS: Readonly<
  Record<DeliverableAction, { name: string; from: readonly DeliverableStatus[]; to: DeliverableStatus; activity: string }>
> = {
  submit: { name: 'submit', from: ['planned', 'changes_requested'], to: 'submitted', activity: 'submitted' },
  requestChanges: { name: 'request-changes', from: ['submitted'], to: 'changes_requested', activity: 'changes_requested' },
  approve: { name: 'approve', from: ['submitted'], to: 'approved', activity: 'approved' },
  publish: { name: 'publish', from: ['approved'], to: 'published', activity: 'published' },
  cancel: { name: 'cancel', from: OPEN_STATUSES, to: 'cancelled', activity: 'cancelled' },
};

/** The status after `action`, or null when the action is not allowed from `current`. */
export function nextStatus(action: DeliverableAction, current: DeliverableStatus): DeliverableStatus | null {
  const transition = TRANSITIONS[action];
  return transition.from.includes(current) ? transition.to : null;
}
