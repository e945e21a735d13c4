import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityModule } from '@app/activity';
import { NotificationsModule } from '@app/notifications';
import { DeliveryJobs } from './delivery-jobs';
import { EventsCommitListener } from './events-commit.listener';
import { EventsDispatcher } from './events-dispatcher';
import { EventsRetention } from './events-retention';
import { DnsHostResolver, HostResolver } from './url-policy';
import { WebhookDelivery } from './webhook-delivery';
import { WebhookEndpointDisabledEmail } from './webhook-endpoint-disabled.email';
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
  imports: [TypeOrmModule.forFeature([WebhookEndpoint]), ActivityModule],
  providers: [WebhookEndpointsService, DeliveryJobs, { provide: HostResolver, useClass: DnsHostResolver }],
  exports: [WebhookEndpointsService, DeliveryJobs, HostResolver],
})
export class WebhooksModule {}

/**
 * The worker's side: the dispatcher, the deliveries and the retention job; the disabled endpoint's email, for
 * NotificationsWorkerModule.forRoot's contents.
 */
@Module({
  imports: [WebhooksModule, NotificationsModule],
  providers: [EventsDispatcher, EventsRetention, WebhookDelivery, WebhookSender, WebhookEndpointDisabledEmail],
  exports: [EventsDispatcher, EventsRetention, WebhookDelivery, WebhookEndpointDisabledEmail],
})
export class WebhooksWorkerModule {}
