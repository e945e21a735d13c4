import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DeliveryJobs } from './delivery-jobs';
import { EventsCommitListener } from './events-commit.listener';
import { EventsDispatcher } from './events-dispatcher';
import { EventsRetention } from './events-retention';
import { DnsHostResolver, HostResolver } from './url-policy';
import { WebhookDelivery } from './webhook-delivery';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookSender } from './webhook-sender';

/**
 * Imported once by each app: asks for a dispatch after every commit that recorded events. The contexts
 * themselves import nothing from here but the recordEvents function: their events reach the listener
 * through the transaction, as rollup marks do.
 */
@Module({ providers: [EventsCommitListener] })
export class EventsModule {}

/** The endpoints API (admin). */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEndpoint])],
  providers: [WebhookEndpointsService, DeliveryJobs, { provide: HostResolver, useClass: DnsHostResolver }],
  exports: [WebhookEndpointsService, DeliveryJobs, HostResolver],
})
export class WebhooksModule {}

/** The worker's side: the dispatcher, the deliveries and the retention job. */
@Module({
  imports: [WebhooksModule],
  providers: [EventsDispatcher, EventsRetention, WebhookDelivery, WebhookSender],
  exports: [EventsDispatcher, EventsRetention, WebhookDelivery],
})
export class WebhooksWorkerModule {}
