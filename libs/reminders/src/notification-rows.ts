import { DataSource, EntityManager } from 'typeorm';

/**
 * A moment is "missed" when its due time is more than this before the scan: the hourly scan normally
 * finds a moment within the hour, so only downtime (or a failing scan) makes one older than two runs.
 * A missed moment is still sent if it is the latest of its contract and kind (marked late); earlier
 * missed moments are recorded as skipped.
 */
export const MISSED_AFTER_MS = 2 * 3600 * 1000;

/** Named parameters every scan query uses; `utcToday` bounds dates so range scans can use the date indexes. */
export interface ScanParams {
  now: Date;
  /** now − MISSED_AFTER_MS: due before this and a notification is late (or skipped when not the latest). */
  missedBefore: Date;
  /** The UTC calendar date of `now`; any brand's local date is within a day of it. */
  utcToday: string;
}

export function scanParams(now: Date): ScanParams {
  return { now, missedBefore: new Date(now.getTime() - MISSED_AFTER_MS), utcToday: now.toISOString().slice(0, 10) };
}

/** 09:00 on a calendar date in the brand's zone, as an instant; DST-safe since 09:00 is never in a transition gap. */
export const nineAm = (date: string, timezone = 'b.timezone') => `((${date}) + time '09:00') AT TIME ZONE ${timezone}`;

/** The brand's calendar date at the scan's instant. */
export const brandToday = (timezone = 'b.timezone') => `(CAST(:now AS timestamptz) AT TIME ZONE ${timezone})::date`;

/** Emails of the brand's managers, the relationship owner first (`r` is the relationships alias). */
export const managerEmails = (r = 'r') =>
  `ARRAY(SELECT u.email FROM users u
     WHERE u.id = ${r}.owner_user_id OR u.id IN (SELECT bm.user_id FROM brand_managers bm WHERE bm.brand_id = ${r}.brand_id)
     ORDER BY u.id IS NOT DISTINCT FROM ${r}.owner_user_id DESC, lower(u.email))`;

/** Runs SQL with TypeORM-style named parameters (`:now`), which may repeat, as one statement. */
export async function queryNamed<T>(runner: DataSource | EntityManager, sql: string, params: object): Promise<T[]> {
  const driver = runner instanceof DataSource ? runner.driver : runner.connection.driver;
  const [query, values] = driver.escapeQueryWithParameters(sql, params as Record<string, unknown>);
  return runner.query<T[]>(query, values);
}

/**
 * Inserts notification rows from a SELECT of (workspace_id, kind, subject_type, subject_id, offset_days,
 * audience, recipients, status, late, due_at). The unique (subject, kind, offset, period, audience)
 * constraint decides what is new, so concurrent or repeated scans never duplicate; returns the ids of new rows to send.
 */
export async function insertNotifications(runner: DataSource | EntityManager, select: string, params: object): Promise<string[]> {
  const rows = await queryNamed<{ id: string; status: string }>(
    runner,
    `INSERT INTO notifications (workspace_id, kind, subject_type, subject_id, offset_days, audience, recipients, status, late, due_at)
     ${select}
     ON CONFLICT ON CONSTRAINT uq_notifications_subject_kind_offset DO NOTHING
     RETURNING id, status`,
    params,
  );
  return rows.filter((row) => row.status === 'scheduled').map((row) => row.id);
}

/**
 * Where new rows go to be sent: `NotificationsService.enqueueSend` of @app/notifications (bound in the
 * worker module). Abstract here so the rules do not depend on how mail is sent.
 */
export abstract class NotificationSends {
  abstract enqueueSend(ids: string[]): Promise<unknown>;
}
