import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { DeliveryOutcome, DispatchResult, EventsDispatcher, EventsRetention, WebhookDelivery } from '@app/events';
import { JobData, JobName, OnJob } from '@app/queue';

/** Thin: libs/events holds the outbox, the fan-out and the delivery rules. */
@Injectable()
export class EventsProcessor {
  constructor(
    private readonly dispatcher: EventsDispatcher,
    private readonly delivery: WebhookDelivery,
    private readonly retention: EventsRetention,
  ) {}

  @OnJob(JobName.EventsDispatch)
  dispatch(): Promise<DispatchResult> {
    return this.dispatcher.dispatch();
  }

  @OnJob(JobName.WebhooksDeliver)
  deliver(data: JobData<JobName.WebhooksDeliver>, job: Job): Promise<DeliveryOutcome | Record<DeliveryOutcome, number>> {
    return 'eventIds' in data
      ? this.delivery.deliverBatch(data.endpointId, data.eventIds, job)
      : this.delivery.deliver(data.endpointId, data.eventId, job);
  }

  @OnJob(JobName.EventsRetention)
  retain(): Promise<{ deleted: number }> {
    return this.retention.run();
  }
}
