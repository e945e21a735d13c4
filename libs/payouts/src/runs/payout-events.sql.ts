import { domainEventsSql, EventType, payoutDataSql } from '@app/events';
import { PayoutStatus } from './payout-transitions';

type Reached = Exclude<PayoutStatus, 'draft'>;

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** The event a payout reaching a status records, and what its data adds to PayoutData (SQL over `p`). */
const EVENTS: Record<Reached, { type: Extract<EventType, `payout.${string}`>; extra: Record<string, string> }> = {
  approved: { type: 'payout.approved', extra: {} },
  paid: { type: 'payout.paid', extra: { paidAt: `to_char(p.paid_at AT TIME ZONE 'UTC', ${ISO_UTC})`, reference: 'p.reference' } },
  failed: { type: 'payout.failed', extra: { reason: 'p.failure_reason' } },
  cancelled: { type: 'payout.cancelled', extra: { reason: 'p.failure_reason' } },
};

/** The events of the payouts ($1, uuid[]) a transition just moved to `status`: one statement for all of them, in its transaction. */
export function payoutEventsSql(status: Reached): string {
  const { type, extra } = EVENTS[status];
  return `WITH p AS (SELECT * FROM payouts WHERE id = ANY($1::uuid[]) ORDER BY id)
    ${domainEventsSql(type, 'payout', 'p', { workspaceId: 'p.workspace_id', subjectId: 'p.id', data: payoutDataSql('p', extra) })}`;
}
