import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { activityEntriesSql } from '@app/activity';
import { queryNamed } from '@app/database';
import { domainEventsSql, jsonObjectSql, markEventsRecorded } from '@app/events';
import { rollupMarksSql, rollupsMarkedBySql } from '@app/rollups';
import { OPEN_STATUSES } from '../transitions';

/** Past due by more than this and still unpublished: the worker marks the deliverable missed. */
export const MISSED_GRACE_DAYS = 7;

const open = OPEN_STATUSES.map((status) => `'${status}'`).join(',');

/**
 * Open deliverables more than MISSED_GRACE_DAYS past due (brand's date) become `missed`, all workspaces at
 * once, each with its activity entry, its deliverable.missed event and a rollup mark of its due day, in one statement. The locked subquery
 * keeps the previous status for the log and skips rows a user changed meanwhile. `:utcToday` (the UTC date of
 * `:now`) bounds the due dates so ix_deliverables_open_due serves the scan.
 */
const MARK_MISSED = `
  WITH stale AS (
    SELECT d.id, d.status AS previous
    FROM deliverables d JOIN relationships r ON r.id = d.relationship_id JOIN brands b ON b.id = r.brand_id
    WHERE d.status IN (${open}) AND d.due_date < CAST(:utcToday AS date) - ${MISSED_GRACE_DAYS - 1}
      AND d.due_date + ${MISSED_GRACE_DAYS} < (CAST(:now AS timestamptz) AT TIME ZONE b.timezone)::date
    FOR UPDATE OF d
  ), missed AS (
    UPDATE deliverables d SET status = 'missed', missed_at = :now, updated_at = now()
    FROM stale WHERE d.id = stale.id AND d.status = stale.previous
    RETURNING d.id, d.workspace_id, d.contract_id, d.relationship_id, d.due_date, stale.previous
  ), events AS (${domainEventsSql('deliverable.missed', 'deliverable', 'missed', {
    workspaceId: 'workspace_id',
    subjectId: 'id',
    data: jsonObjectSql({ deliverableId: 'id', contractId: 'contract_id', relationshipId: 'relationship_id', status: `'missed'` }),
  })}
  ), dirty AS (${rollupMarksSql('missed', 'relationship_id', 'due_date')}
  ), logged AS (${activityEntriesSql(`
    SELECT workspace_id, 'deliverable', id, relationship_id, 'missed', jsonb_build_object('status', jsonb_build_object('from', previous, 'to', 'missed'))
    FROM missed`)}
  )
  SELECT id, relationship_id AS "relationshipId" FROM missed`;

/**
 * The one move of the workflow no client makes (transitions.ts): the worker's deliverables.scan calls it
 * before its reminders, so a deliverable past the grace period gets no overdue reminder in the same run.
 */
@Injectable()
export class MarkMissedDeliverables {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Returns the ids marked missed; their relationships' rollups are enqueued once the statement commits. */
  execute(now: Date): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const missed = await queryNamed<{ id: string; relationshipId: string }>(manager, MARK_MISSED, {
        now,
        utcToday: now.toISOString().slice(0, 10),
      });
      rollupsMarkedBySql(
        manager,
        missed.map((row) => row.relationshipId),
      );
      markEventsRecorded(manager);
      return missed.map((row) => row.id);
    });
  }
}
