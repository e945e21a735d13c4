import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { NotificationAudience, NotificationSchedule } from '@app/notifications';
import { MarkMissedDeliverables, MISSED_GRACE_DAYS, OPEN_STATUSES, OVERDUE_SQL } from '@app/deliverables';
import { brandToday, managerEmails, nineAm, ScanParams, scanParams } from './scan-sql';

export const DUE_SOON_DAYS = 3;
export const APPROVAL_WAITING_DAYS = 2;

const list = (statuses: readonly string[]) => statuses.map((s) => `'${s}'`).join(',');
const JOINS = `FROM deliverables d
  JOIN relationships r ON r.id = d.relationship_id
  JOIN brands b ON b.id = r.brand_id
  JOIN influencers i ON i.id = r.influencer_id`;
/** The program's audiences (an invitee is nobody a deliverable is about). */
type Audience = Exclude<NotificationAudience, 'invitee'>;
const RECIPIENTS: Record<Audience, string> = { influencer: 'ARRAY[i.email]', managers: managerEmails('r') };
const columns = (kind: string, offset: number, audience: Audience, dueAt: string) =>
  `SELECT d.workspace_id, '${kind}', 'deliverable', d.id, ${offset}, '', '${audience}', ${RECIPIENTS[audience]}, 'scheduled', ${dueAt} < :missedBefore, ${dueAt}`;

/** Overdue (the deliverables context's own definition), the morning after the due date: a row and an email per audience. */
const overdue = (audience: Audience) =>
  `${columns('deliverable_overdue', 0, audience, nineAm('d.due_date + 1'))} ${JOINS}
   WHERE ${OVERDUE_SQL} AND d.due_date BETWEEN CAST(:utcToday AS date) - ${MISSED_GRACE_DAYS + 2} AND CAST(:utcToday AS date)
     AND ${nineAm('d.due_date + 1')} <= :now ${audience === 'influencer' ? 'AND i.email IS NOT NULL' : ''}`;

/**
 * One statement per kind and audience, all workspaces at once, each moment at 09:00 brand time. Once per
 * (deliverable, kind, audience) by the unique constraint. `d.due_date` is also bounded around the UTC date so ix_deliverables_open_due serves the scan.
 */
const RULES: string[] = [
  // Due soon, to the influencer, while there is still content to deliver (submitted waits on the brand, not on them).
  `${columns('deliverable_due_soon', DUE_SOON_DAYS, 'influencer', nineAm(`d.due_date - ${DUE_SOON_DAYS}`))} ${JOINS}
   WHERE d.status IN (${list(OPEN_STATUSES.filter((s) => s !== 'submitted'))}) AND i.email IS NOT NULL
     AND d.due_date BETWEEN CAST(:utcToday AS date) - 1 AND CAST(:utcToday AS date) + ${DUE_SOON_DAYS + 1}
     AND d.due_date >= ${brandToday()} AND ${nineAm(`d.due_date - ${DUE_SOON_DAYS}`)} <= :now`,
  overdue('influencer'),
  overdue('managers'),
  // Submitted content not reviewed for two days, to the managers: at the first 09:00 local once the two days are up.
  `${columns('approval_waiting', APPROVAL_WAITING_DAYS, 'managers', 'w.due_at')} ${JOINS}
   CROSS JOIN LATERAL (SELECT (date_trunc('day', (d.submitted_at + interval '${APPROVAL_WAITING_DAYS} days') AT TIME ZONE b.timezone - interval '9 hours 1 microsecond')
     + interval '33 hours') AT TIME ZONE b.timezone AS due_at) w
   WHERE d.status = 'submitted' AND d.submitted_at < CAST(:now AS timestamptz) - interval '${APPROVAL_WAITING_DAYS} days' AND w.due_at <= :now`,
];

@Injectable()
export class DeliverablesScan {
  constructor(
    private readonly clock: Clock,
    private readonly markMissed: MarkMissedDeliverables,
    private readonly notifications: NotificationSchedule,
  ) {}

  /** Marks missed first (the deliverables context's move), so a deliverable past the grace period gets no overdue reminder in the same run. */
  async run(): Promise<{ missed: number; enqueued: string[] }> {
    const params: ScanParams = scanParams(this.clock.now());
    const missed = await this.markMissed.execute(params.now);
    const enqueued: string[] = [];
    for (const rule of RULES) enqueued.push(...(await this.notifications.insert(rule, params)));
    await this.notifications.send(enqueued);
    return { missed: missed.length, enqueued };
  }
}
