import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryNamed } from '@app/database';
import { NotificationsService } from './notifications.service';

/**
 * A moment is "missed" when its due time is more than this before the row is made: the hourly scans normally
 * find a moment within the hour, so only downtime (or a failing scan) makes one older than two runs. A missed
 * row is made `late`; the scans record earlier missed moments of the same contract and kind as skipped.
 */
export const MISSED_AFTER_MS = 2 * 3600 * 1000;

/**
 * What a selection given to NotificationSchedule yields, in this order. The unique (subject, kind, offset,
 * period, audience) constraint decides what is new, so concurrent or repeated scans never duplicate.
 */
export const SCHEDULED_COLUMNS =
  'workspace_id, kind, subject_type, subject_id, offset_days, period, audience, recipients, status, late, due_at';

const insertFrom = (select: string) => `
  INSERT INTO notifications (${SCHEDULED_COLUMNS})
  ${select}
  ON CONFLICT ON CONSTRAINT uq_notifications_subject_kind_offset DO NOTHING
  RETURNING id, status`;

/** The one writer of new notification rows: other contexts (reminders, reports, workspaces) say what to schedule, set-based. */
@Injectable()
export class NotificationSchedule {
  constructor(
    private readonly db: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Inserts the rows a SELECT of SCHEDULED_COLUMNS yields (named parameters: `:now`), in the caller's
   * transaction when given; returns the ids of new rows to send. Enqueue them with `send` once it commits.
   */
  async insert(select: string, params: object, manager: DataSource | EntityManager = this.db): Promise<string[]> {
    const rows = await queryNamed<{ id: string; status: string }>(manager, insertFrom(select), params);
    return rows.filter((row) => row.status === 'scheduled').map((row) => row.id);
  }

  /** `insert` outside a transaction, then the sends of the new rows; returns their ids. */
  async schedule(select: string, params: object): Promise<string[]> {
    const ids = await this.insert(select, params);
    await this.send(ids);
    return ids;
  }

  /** Enqueues notifications.send for committed rows (NotificationsService.enqueueSend). */
  async send(ids: string[]): Promise<void> {
    if (ids.length) await this.notifications.enqueueSend(ids);
  }

  /**
   * The one row a SELECT of SCHEDULED_COLUMNS names by its unique key, whether this call inserted it or an
   * earlier attempt did (a job retried after its commit); undefined when the selection is empty.
   */
  async insertOrFind(
    select: string,
    params: object,
    key: { subjectId: string; kind: string; offsetDays: number; period: string },
  ): Promise<{ id: string; status: string } | undefined> {
    const [row] = await queryNamed<{ id: string; status: string }>(
      this.db,
      `WITH inserted AS (${insertFrom(select)})
       SELECT id, status FROM inserted
       UNION ALL
       SELECT id, status FROM notifications WHERE subject_id = :keySubjectId AND kind = :keyKind AND offset_days = :keyOffsetDays AND period = :keyPeriod`,
      { ...params, keySubjectId: key.subjectId, keyKind: key.kind, keyOffsetDays: key.offsetDays, keyPeriod: key.period },
    );
    return row;
  }
}
