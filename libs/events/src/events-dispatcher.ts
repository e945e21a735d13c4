import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DeliveryJobs, DeliveryKey } from './delivery-jobs';

/** Events handed out per transaction: each costs a commit, and the other dispatchers wait for its lock. */
export const DISPATCH_BATCH = 2_000;
/** pg advisory lock key of the dispatcher: one fan-out at a time across worker processes keeps event order. */
const DISPATCH_LOCK = 0x0e7e_5d15;

export interface DispatchResult {
  events: number;
  deliveries: number;
  revived: number;
}

/**
 * The outbox's consumer (events.dispatch): takes undispatched events in seq order, creates one delivery
 * per matching enabled endpoint of the event's workspace and marks the events dispatched, all in one
 * statement and transaction; then enqueues one job per new delivery. A crash after the commit leaves
 * deliveries without a job: the backstop below revives them on a later run.
 */
@Injectable()
export class EventsDispatcher {
  private readonly logger = new Logger('EventsDispatcher');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deliveryJobs: DeliveryJobs,
  ) {}

  async dispatch(): Promise<DispatchResult> {
    const result: DispatchResult = { events: 0, deliveries: 0, revived: 0 };
    // A batch's jobs are enqueued while the next batch is taken, in batch order.
    let enqueued = Promise.resolve();
    for (;;) {
      const { events, deliveries } = await this.dispatchBatch();
      result.events += events;
      result.deliveries += deliveries.length;
      enqueued = enqueued.then(() => this.deliveryJobs.enqueue(deliveries));
      if (events < DISPATCH_BATCH) break;
    }
    await enqueued;
    // Only when the outbox is drained: a busy run has work enough, and the backstop looks at old rows only.
    if (result.events === 0) result.revived = await this.reviveStranded();
    if (result.events || result.revived)
      this.logger.log(`dispatched ${result.events} event(s) into ${result.deliveries} delivery(ies); revived ${result.revived}`);
    return result;
  }

  private dispatchBatch(): Promise<{ events: number; deliveries: DeliveryKey[] }> {
    return this.dataSource.transaction(async (manager) => {
      // Waits for another process's batch rather than skipping: its commit may come after this one's
      // look at the outbox, and the events it leaves are this run's to take.
      // The next events by the undispatched index, in seq order (set_config local: this transaction only). The
      // outbox's statistics lag its churn: believing a few hundred rows undispatched, the planner bitmap-scans and
      // sorts all of them, every batch (a backlog of 40,000: 258 ms for 1,000 instead of 2 ms, and the dispatcher,
      // not the deliveries, set bench/webhooks' pace). No FOR UPDATE on the batch: the advisory lock keeps other
      // dispatchers out, nothing else writes an undispatched event, and the lock was one more WAL record per event.
      await manager.query(`SELECT pg_advisory_xact_lock($1), set_config('enable_bitmapscan', 'off', true)`, [DISPATCH_LOCK]);
      const [row] = await manager.query(
        `WITH batch AS (
           SELECT id, seq, workspace_id, type, subject_id FROM domain_events
           WHERE dispatched_at IS NULL ORDER BY seq LIMIT $1
         ), marked AS (
           UPDATE domain_events e SET dispatched_at = now() FROM batch b WHERE e.id = b.id RETURNING e.id
         ), created AS (
           INSERT INTO webhook_deliveries (workspace_id, endpoint_id, event_id, event_seq, subject_id)
           SELECT b.workspace_id, w.id, b.id, b.seq, b.subject_id
           FROM batch b JOIN webhook_endpoints w ON w.workspace_id = b.workspace_id AND w.enabled
             AND (w.event_types IS NULL OR b.type = ANY(w.event_types))
           -- A ping goes only to the endpoint it was sent to (its delivery exists already).
           WHERE b.type <> 'ping'
           ORDER BY b.seq, w.id
           ON CONFLICT (endpoint_id, event_id) DO NOTHING
           RETURNING endpoint_id, event_id, event_seq
         )
         SELECT (SELECT count(*)::int FROM marked) AS events,
                COALESCE((SELECT json_agg(json_build_object('endpointId', endpoint_id, 'eventId', event_id) ORDER BY event_seq, endpoint_id) FROM created), '[]') AS deliveries`,
        [DISPATCH_BATCH],
      );
      return row as { events: number; deliveries: DeliveryKey[] };
    });
  }

  /**
   * Pending deliveries whose job may be gone: never attempted a minute after their creation (a crash between
   * the dispatch commit and the enqueue, or the queue backend down then), or past their next attempt by five
   * minutes (a backend that lost its data). Reviving a live job leaves it alone, so a false alarm costs a look.
   */
  private async reviveStranded(): Promise<number> {
    const rows: DeliveryKey[] = await this.dataSource.query(
      `SELECT endpoint_id AS "endpointId", event_id AS "eventId" FROM webhook_deliveries
       WHERE status = 'pending' AND (claimed_until IS NULL OR claimed_until < now())
         AND ((attempts = 0 AND created_at < now() - interval '1 minute') OR next_attempt_at < now() - interval '5 minutes')
       ORDER BY event_seq LIMIT 1000`,
    );
    await this.deliveryJobs.revive(rows);
    return rows.length;
  }
}
