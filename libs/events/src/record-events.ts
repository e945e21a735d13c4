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
