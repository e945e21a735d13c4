import { Injectable } from '@nestjs/common';
import { JobItem, JobName, JobQueue } from '@app/queue';

export interface DeliveryKey {
  endpointId: string;
  eventId: string;
}

/** A delivery a batch job hands over to a job of its own, to run after `delay` ms. */
export interface DeliveryLater extends DeliveryKey {
  delay: number;
  /** Attempts it had made: the job's retries continue the schedule from there. */
  attemptsBefore: number;
}

/**
 * Deliveries per first-attempt job. One job per delivery made each delivery wait on BullMQ's round trips and on
 * a claim and a record statement of its own, in turn (bench/webhooks: 0.1–0.25 of bare BullMQ's jobs/s); a
 * job of 50 claims them in one statement, sends them at once and records them in one or two.
 */
export const DELIVERIES_PER_JOB = 50;

const item = ({ endpointId, eventId }: DeliveryKey): JobItem => ({ name: JobName.WebhooksDeliver, data: { endpointId, eventId } });

/**
 * Delivery jobs. A delivery's own job has the deterministic id `wh-<endpointId>-<eventId>` (retries, replays, the
 * backstop); the first attempt of new deliveries goes in batches of one endpoint's, in event order, id
 * `whb-<endpointId>-<first eventId>`.
 */
@Injectable()
export class DeliveryJobs {
  constructor(private readonly jobs: JobQueue) {}

  /** New deliveries, in the order given (event order): BullMQ ignores an id it already holds. */
  enqueue(keys: DeliveryKey[]): Promise<void> {
    const byEndpoint = new Map<string, string[]>();
    for (const { endpointId, eventId } of keys) {
      const eventIds = byEndpoint.get(endpointId);
      if (eventIds) eventIds.push(eventId);
      else byEndpoint.set(endpointId, [eventId]);
    }
    const items: JobItem[] = [];
    for (const [endpointId, eventIds] of byEndpoint)
      for (let i = 0; i < eventIds.length; i += DELIVERIES_PER_JOB) {
        const batch = eventIds.slice(i, i + DELIVERIES_PER_JOB);
        items.push(
          batch.length === 1
            ? item({ endpointId, eventId: batch[0] })
            : { name: JobName.WebhooksDeliver, data: { endpointId, eventIds: batch } },
        );
      }
    return this.jobs.addBulk(items);
  }

  /**
   * Deliveries of a batch job that need another look later (a retry, an earlier event of their subject to wait for,
   * another run's lease), each in its own job. Were that job's id kept as finished already (a backstop revive ran
   * it while the batch waited), the add is a no-op and the backstop revives the delivery once it is overdue.
   */
  later(deliveries: DeliveryLater[]): Promise<void> {
    return this.jobs.addBulk(
      deliveries.map(({ endpointId, eventId, delay, attemptsBefore }) => ({
        name: JobName.WebhooksDeliver,
        data: { endpointId, eventId, ...(attemptsBefore > 0 && { attemptsBefore }) },
        delay,
      })),
    );
  }

  /** Deliveries asked for again (a retry, a replay, a job lost with its backend): a finished job is run again, a live one left alone. */
  revive(keys: DeliveryKey[]): Promise<void> {
    return this.jobs.revive(keys.map(item));
  }
}
