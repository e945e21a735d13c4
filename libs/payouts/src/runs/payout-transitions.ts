export const PAYOUT_STATUSES = ['draft', 'approved', 'paid', 'failed', 'cancelled'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

export const PAYOUT_ACTIONS = ['approve', 'mark-paid', 'fail', 'cancel'] as const;
export type PayoutAction = (typeof PAYOUT_ACTIONS)[number];

/** Draft → approved → paid or failed; a draft or an approved payout may be cancelled. Paid, failed and cancelled are final. */
const TRANSITIONS: Record<PayoutAction, { from: readonly PayoutStatus[]; to: PayoutStatus; past: string }> = {
  approve: { from: ['draft'], to: 'approved', past: 'approved' },
  'mark-paid': { from: ['approved'], to: 'paid', past: 'marked paid' },
  fail: { from: ['approved'], to: 'failed', past: 'marked failed' },
  cancel: { from: ['draft', 'approved'], to: 'cancelled', past: 'cancelled' },
};

export const transitionOf = (action: PayoutAction) => TRANSITIONS[action];

/** Failed and cancelled payouts give their entries back to the next run. */
export const releasesEntries = (status: PayoutStatus) => status === 'failed' || status === 'cancelled';

/** Draft and approved: counted as "in open payouts" in balances. */
export const OPEN_STATUSES: readonly PayoutStatus[] = ['draft', 'approved'];
