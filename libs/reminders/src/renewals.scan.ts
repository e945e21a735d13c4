import { Injectable } from '@nestjs/common';
import { Clock } from '@app/common';
import { NotificationSchedule } from '@app/notifications';
import { managerEmails, nineAm, scanParams } from './scan-sql';

/** Bounds of the API's validation (contracts.dto): reminder offsets and notice periods are 0–365 days. */
const MAX_OFFSET_DAYS = 365;
const MAX_NOTICE_DAYS = 365;

/**
 * Every reminder moment of every active contract whose time has come, across all workspaces, in one
 * statement: renewal_upcoming at each offset before the end date; notice_deadline at each offset before
 * end − notice period while auto-renewal stands. `recency` 1 is the latest due moment of its contract
 * and kind: only that one is sent; older ones are recorded as skipped (after downtime: no burst).
 * The relationship's brand and owner ride along for the manager emails: joining relationships again
 * for the due rows made the planner, which expects most moments in the end-date bound to be due, hash
 * every relationship (bench/reminders: 1.2 s → 0.85 s with a million contracts).
 */
const DUE_MOMENTS = `
  WITH moments AS (
    SELECT c.id AS contract_id, c.workspace_id, r.brand_id, r.owner_user_id, m.kind, m.offset_days, ${nineAm('m.day')} AS due_at
    FROM contracts c
    JOIN relationships r ON r.id = c.relationship_id
    JOIN brands b ON b.id = r.brand_id
    CROSS JOIN LATERAL (
      SELECT 'renewal_upcoming' AS kind, o AS offset_days, c.end_date - o AS day FROM unnest(c.reminder_days_before) AS o
      UNION ALL
      SELECT 'notice_deadline', o, c.end_date - c.notice_period_days - o FROM unnest(c.reminder_days_before) AS o
      WHERE c.auto_renew AND c.auto_renew_cancelled_at IS NULL
    ) m
    -- ix_contracts_active_end: a moment is at most offset + notice days before the end.
    WHERE c.status = 'active' AND c.end_date <= CAST(:utcToday AS date) + ${1 + MAX_OFFSET_DAYS + MAX_NOTICE_DAYS}
  ), due AS (
    SELECT *, row_number() OVER (PARTITION BY contract_id, kind ORDER BY due_at DESC) AS recency
    FROM moments WHERE due_at <= :now
  )
  SELECT d.workspace_id, d.kind, 'contract', d.contract_id, d.offset_days, '', 'managers', ${managerEmails('d')},
         CASE WHEN d.recency = 1 THEN 'scheduled' ELSE 'skipped' END, d.recency = 1 AND d.due_at < :missedBefore, d.due_at
  FROM due d`;

@Injectable()
export class RenewalsScan {
  constructor(
    private readonly clock: Clock,
    private readonly notifications: NotificationSchedule,
  ) {}

  /** Inserts the due rows and enqueues their sends; returns the ids enqueued. Safe to run any number of times at once. */
  run(): Promise<string[]> {
    return this.notifications.schedule(DUE_MOMENTS, scanParams(this.clock.now()));
  }
}
