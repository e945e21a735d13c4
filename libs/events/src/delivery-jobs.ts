import { Injectable } from '@nestjs/common';
import { JobItem, JobName, JobQueue } from '@app/queue';

export interface DeliveryKey {
  endpointId: string;
  eventId: string;
}

const item = ({ endpointId, eventId }: DeliveryKey): JobItem => ({ name: JobName.WebhooksDeliver, data: { endpointId, eventId } });

/** Delivery jobs, one per (endpoint, event) by their deterministic id (`wh-<endpointId>-<eventId>`). */
@Injectable()
export class DeliveryJobs {
  constructor(private readonly jobs: JobQueue) {}

  /** New deliveries, in the order given (event order): BullMQ ignores an id it already holds. */
  enqueue(keys: DeliveryKey[]): Promise<void> {
    return this.jobs.addBulk(keys.map(item));
  }

  /** Deliveries asked for again (a retry, a replay, a job lost with its backend): a finished job is run again, a live one left alone. */
  revive(keys: DeliveryKey[]): Promise<void> {
    return this.jobs.revive(keys.map(item));
  }
}
