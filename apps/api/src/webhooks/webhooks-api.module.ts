import { Module } from '@nestjs/common';
import { WebhooksModule } from '@app/events';
import { WebhookDeliveriesController, WebhookEndpointsController } from './webhooks.controller';

@Module({ imports: [WebhooksModule], controllers: [WebhookEndpointsController, WebhookDeliveriesController] })
export class WebhooksApiModule {}
