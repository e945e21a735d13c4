import { EntityManager, QueryRunner } from 'typeorm';
import { RequestContext } from '@app/common';
import { EventData, EventType, SubjectType } from './event-catalogue';

export type DomainEventInput = {
  [T in EventType]: {
    type: T;
    subjectType: SubjectType;
    subjectId: string;
    data: EventData<T>;
    /** Defaults to the acting workspace (RequestContext); set-based writers in the worker name it. */
    workspaceId?: string;
    /** Defaults to the transaction's time. */
    occurredAt?: Date;
  };
}[EventType];

export interface RecordedEvent {
  id: string;
  /** bigint as a string. */
  seq: string;
  workspaceId: string;
}

/** Set on the transaction's query runner: EventsCommitListener asks for a dispatch once it commits. */
const RECORDED = 'domainEventsRecorded';

/**
 * THE way to record domain events: in the caller's transaction, so an event exists if and only if its
 * change commits. Any number of events go in one statement (set-based writers pass all of theirs at once,
 * never one call per row). Refuses to run outside a transaction, where a failed change could leave its
 * event behind or the reverse.
 */
export async function recordEvents(manager: EntityManager, events: DomainEventInput[]): Promise<RecordedEvent[]> {
  if (events.length === 0) return [];
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('recordEvents must run inside the transaction of the change it records');
  const rows = events.map((e) => ({
    w: e.workspaceId ?? RequestContext.workspaceId(),
    t: e.type,
    st: e.subjectType,
    s: e.subjectId,
    o: e.occurredAt?.toISOString() ?? null,
    d: e.data,
  }));
  const recorded: RecordedEvent[] = await manager.query(
    `INSERT INTO domain_events (workspace_id, type, subject_type, subject_id, occurred_at, data)
     SELECT (e->>'w')::uuid, e->>'t', e->>'st', (e->>'s')::uuid, COALESCE((e->>'o')::timestamptz, now()), e->'d'
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(e, n) ORDER BY n
     RETURNING id, seq, workspace_id AS "workspaceId"`,
    [JSON.stringify(rows)],
  );
  runner.data[RECORDED] = true;
  return recorded;
}

export async function recordEvent(manager: EntityManager, event: DomainEventInput): Promise<RecordedEvent> {
  return (await recordEvents(manager, [event]))[0];
}

/** Whether a finished transaction recorded events, once: the runner forgets it. */
export function takeRecordedEvents(runner: QueryRunner): boolean {
  const recorded = Boolean(runner.data?.[RECORDED]);
  delete runner.data?.[RECORDED];
  return recorded;
}

/**
 * The set-based form, for statements built as a chain of CTEs (batch ingest, accrual, scans): an INSERT of one
 * event per row of the CTE `source`, to place in the same statement (`, events AS (${domainEventsSql(...)})`),
 * which then holds its events exactly as it holds its change. `columns` are SQL expressions over the source's
 * columns (`data` a jsonb_build_object of ids and changed fields). Call markEventsRecorded when the statement
 * ran in a transaction, so the dispatch is asked for at its commit; outside one, the scheduled dispatch
 * (every 5 s) takes them.
 */
export function domainEventsSql(
  type: EventType,
  subjectType: SubjectType,
  source: string,
  columns: { workspaceId: string; subjectId: string; data: string; occurredAt?: string },
): string {
  return `INSERT INTO domain_events (workspace_id, type, subject_type, subject_id, occurred_at, data)
    SELECT ${columns.workspaceId}, '${type}', '${subjectType}', ${columns.subjectId}, ${columns.occurredAt ?? 'now()'}, ${columns.data} FROM ${source}`;
}

/** For domainEventsSql run in the caller's transaction: its commit asks for a dispatch. */
export function markEventsRecorded(manager: EntityManager): void {
  if (manager.queryRunner?.isTransactionActive) manager.queryRunner.data[RECORDED] = true;
}
