import { MISSED_AFTER_MS } from '@app/notifications';

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

/**
 * Emails of the brand's managers, the relationship owner first (`r` is the relationships alias). Only people
 * still in the workspace: removing a member keeps them as owner or brand manager on record, not on the mail.
 */
export const managerEmails = (r = 'r') =>
  `ARRAY(SELECT u.email FROM users u JOIN members m ON m.user_id = u.id AND m.workspace_id = ${r}.workspace_id
     WHERE u.id = ${r}.owner_user_id OR u.id IN (SELECT bm.user_id FROM brand_managers bm WHERE bm.brand_id = ${r}.brand_id)
     ORDER BY u.id IS NOT DISTINCT FROM ${r}.owner_user_id DESC, lower(u.email))`;
