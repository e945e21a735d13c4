import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService } from '@app/activity';
import { Clock, futureError, RequestContext, ValidationException } from '@app/common';
import { markEventsRecorded } from '@app/events';
import { NotificationSchedule } from '@app/notifications';
import { PayoutsException } from '../payouts.exception';
import { payoutEventsSql } from './payout-events.sql';
import { PayoutRunsService } from './payout-runs.service';
import { Payout } from './payout.entity';
import { PayoutAction, releasesEntries, transitionOf } from './payout-transitions';

/** What an action records besides the status: the payment's reference and date, or why it failed. */
export interface TransitionInput {
  reference?: string;
  paidAt?: Date;
  reason?: string;
}

/** The statement emails: to the ambassador when a payout is approved and when it is paid. */
const STATEMENT_EMAILS = `
  SELECT p.workspace_id, CAST(:kind AS text), 'payout', p.id, 0, '', 'influencer', ARRAY[i.email], 'scheduled', false, CAST(:now AS timestamptz)
  FROM payouts p JOIN influencers i ON i.id = p.influencer_id
  WHERE p.id IN (:...ids) AND i.email IS NOT NULL`;

const EMAIL_KIND: Partial<Record<PayoutAction, 'payout_approved' | 'payout_paid'>> = {
  approve: 'payout_approved',
  'mark-paid': 'payout_paid',
};

/**
 * approve, mark-paid, fail and cancel, per payout or for every payout of a run that the action applies to.
 * Each is one transaction under the payouts' row locks: the status change, the release of a failed or
 * cancelled payout's spans (payout_entries.released, which ex_payout_entries_live reads), the audit entry
 * and the statement email's notification row (unique per payout and kind: sent once). The send jobs are
 * enqueued after the commit; a row whose job was lost is picked up by the notifications' requeue.
 */
@Injectable()
export class PayoutTransitions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runs: PayoutRunsService,
    private readonly schedule: NotificationSchedule,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
  ) {}

  async onPayout(id: string, action: PayoutAction, input: TransitionInput = {}): Promise<Payout> {
    const payout = await this.runs.getPayout(id);
    this.check(input);
    const notify = await this.dataSource.transaction(async (manager) => {
      const ids = await this.lock(manager, 'id = $1', [payout.id]);
      const [current] = ids;
      if (!transitionOf(action).from.includes(current.status))
        throw PayoutsException.illegalTransition('payout', current.status, transitionOf(action).past);
      const notify = await this.apply(manager, [current.id], action, input);
      await this.activity.record(manager, {
        entityType: 'payout',
        entityId: id,
        action: transitionOf(action).to,
        changes: this.changes(input),
      });
      return notify;
    });
    await this.schedule.send(notify);
    return this.runs.getPayout(id);
  }

  /** Every payout of the run the action applies to (the others are left as they are); 409 when none does. */
  async onRun(runId: string, action: PayoutAction, input: TransitionInput = {}): Promise<{ changed: number }> {
    const run = await this.runs.getRun(runId);
    this.check(input);
    const { from } = transitionOf(action);
    const notify = await this.dataSource.transaction(async (manager) => {
      const payouts = (await this.lock(manager, 'run_id = $1', [run.id])).filter((p) => from.includes(p.status));
      if (!payouts.length)
        throw PayoutsException.illegalTransition(
          'run with no payout in that state',
          from.join(' or ') || 'final',
          transitionOf(action).past,
        );
      const notify = await this.apply(
        manager,
        payouts.map((p) => p.id),
        action,
        input,
      );
      await this.activity.record(manager, {
        entityType: 'payout_run',
        entityId: run.id,
        action: transitionOf(action).to,
        changes: { ...this.changes(input), payouts: payouts.length },
      });
      return { ids: notify, changed: payouts.length };
    });
    await this.schedule.send(notify.ids);
    return { changed: notify.changed };
  }

  private check({ paidAt }: TransitionInput): void {
    const error = paidAt && futureError('paidAt', paidAt, this.clock.now());
    if (error) throw new ValidationException([error]);
  }

  /** Locks the payouts in id order (two run-wide actions never deadlock) and returns their current status. */
  private async lock(manager: EntityManager, where: string, params: unknown[]): Promise<Pick<Payout, 'id' | 'status'>[]> {
    return manager.query(`SELECT id, status FROM payouts WHERE ${where} AND workspace_id = $${params.length + 1} ORDER BY id FOR UPDATE`, [
      ...params,
      RequestContext.workspaceId(),
    ]);
  }

  /** The status change and its side effects for these locked payouts; returns the notification rows to send. */
  private async apply(manager: EntityManager, ids: string[], action: PayoutAction, input: TransitionInput): Promise<string[]> {
    const { to } = transitionOf(action);
    const now = this.clock.now();
    const actor = RequestContext.actor();
    await manager.query(
      `UPDATE payouts SET status = $2, updated_at = now(),
              approved_at = CASE WHEN $2 = 'approved' THEN $3 ELSE approved_at END,
              approved_by_user_id = CASE WHEN $2 = 'approved' THEN $4::uuid ELSE approved_by_user_id END,
              paid_at = CASE WHEN $2 = 'paid' THEN $5::timestamptz ELSE paid_at END,
              reference = CASE WHEN $2 = 'paid' THEN $6 ELSE reference END,
              failure_reason = CASE WHEN $2 IN ('failed', 'cancelled') THEN $7 ELSE failure_reason END,
              closed_at = CASE WHEN $2 IN ('paid', 'failed', 'cancelled') THEN $3 ELSE closed_at END
        WHERE id = ANY($1::uuid[])`,
      [ids, to, now, actor.userId ?? null, input.paidAt ?? now, input.reference ?? null, input.reason ?? null],
    );
    if (releasesEntries(to))
      await manager.query(`UPDATE payout_entries SET released = true WHERE payout_id = ANY($1::uuid[]) AND NOT released`, [ids]);
    if (to !== 'draft') {
      await manager.query(payoutEventsSql(to), [ids]);
      markEventsRecorded(manager);
    }
    const kind = EMAIL_KIND[action];
    if (!kind) return [];
    return this.schedule.insert(STATEMENT_EMAILS, { kind, now, ids }, manager);
  }

  private changes({ reference, paidAt, reason }: TransitionInput): Record<string, unknown> {
    return Object.fromEntries(Object.entries({ reference, paidAt, reason }).filter(([, value]) => value !== undefined));
  }
}
