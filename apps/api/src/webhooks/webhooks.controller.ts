import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery, RequireRole, Role, toPage } from '@app/common';
import { WebhookEndpoint, WebhookEndpointsService } from '@app/events';
import { IdParam } from '../core/id-param';
import {
  CreatedWebhookEndpointView,
  CreateWebhookEndpointRequest,
  ReplayRequest,
  ReplayView,
  UpdateWebhookEndpointRequest,
  WebhookDeliveryDetailView,
  WebhookDeliveryList,
  WebhookDeliveryView,
  WebhookEndpointList,
  WebhookEndpointView,
} from './webhooks.dto';

const view = (e: WebhookEndpoint): WebhookEndpointView => ({
  id: e.id,
  url: e.url,
  description: e.description,
  eventTypes: e.eventTypes,
  enabled: e.enabled,
  disabledReason: e.disabledReason,
  failingSince: e.failingSince,
  previousSecretExpiresAt: e.previousSecretExpiresAt,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

@ApiTags('webhooks')
@RequireRole(Role.Admin)
@Controller('webhook-endpoints')
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Post()
  @ApiOperation({ summary: 'Subscribes a URL to domain events; the signing secret (whsec_…) is shown once' })
  @ApiCreatedResponse({ type: CreatedWebhookEndpointView })
  async create(@Body() body: CreateWebhookEndpointRequest): Promise<CreatedWebhookEndpointView> {
    const { endpoint, secret } = await this.endpoints.create(body);
    return { ...view(endpoint), secret };
  }

  @Get()
  @ApiOperation({ summary: 'Webhook endpoints of the workspace, newest first, without their secrets' })
  @ApiOkResponse({ type: WebhookEndpointList })
  async list(@Query() query: PageQuery): Promise<WebhookEndpointList> {
    return toPage(await this.endpoints.list(query.limit, query.cursor), query.limit, view);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook endpoint' })
  @ApiOkResponse({ type: WebhookEndpointView })
  async get(@IdParam() id: string): Promise<WebhookEndpointView> {
    return view(await this.endpoints.get(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Changes the URL, description, event types or enabled flag; enabling again forgets past failures' })
  @ApiOkResponse({ type: WebhookEndpointView })
  async update(@IdParam() id: string, @Body() body: UpdateWebhookEndpointRequest): Promise<WebhookEndpointView> {
    return view(await this.endpoints.update(id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes an endpoint with its delivery history; nothing more is sent to it' })
  @ApiNoContentResponse({ description: 'Deleted' })
  remove(@IdParam() id: string): Promise<void> {
    return this.endpoints.remove(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replaces the signing secret (shown once); the old one keeps signing beside it for 24 hours' })
  @ApiOkResponse({ type: CreatedWebhookEndpointView })
  async rotate(@IdParam() id: string): Promise<CreatedWebhookEndpointView> {
    const { endpoint, secret } = await this.endpoints.rotateSecret(id);
    return { ...view(endpoint), secret };
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Sends a ping event to this endpoint alone; its delivery shows in the deliveries list' })
  @ApiAcceptedResponse({ type: WebhookDeliveryView })
  test(@IdParam() id: string): Promise<WebhookDeliveryView> {
    return this.endpoints.ping(id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Deliveries to this endpoint, newest first, with their last attempt' })
  @ApiOkResponse({ type: WebhookDeliveryList })
  async deliveries(@IdParam() id: string, @Query() query: PageQuery): Promise<WebhookDeliveryList> {
    return toPage(await this.endpoints.deliveries(id, query.limit, query.cursor), query.limit);
  }

  @Post(':id/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Delivers again, in order, every subscribed event since a time (same webhook-id as before)' })
  @ApiAcceptedResponse({ type: ReplayView })
  replay(@IdParam() id: string, @Body() body: ReplayRequest): Promise<ReplayView> {
    return this.endpoints.replay(id, new Date(body.since));
  }
}

@ApiTags('webhooks')
@RequireRole(Role.Admin)
@Controller('webhook-deliveries')
export class WebhookDeliveriesController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Get(':id')
  @ApiOperation({ summary: 'One delivery with every attempt: status code, duration, an excerpt of the answer or the error' })
  @ApiOkResponse({ type: WebhookDeliveryDetailView })
  get(@IdParam() id: string): Promise<WebhookDeliveryDetailView> {
    return this.endpoints.delivery(id);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Delivers this event to its endpoint again now, with a fresh set of attempts' })
  @ApiAcceptedResponse({ type: WebhookDeliveryView })
  retry(@IdParam() id: string): Promise<WebhookDeliveryView> {
    return this.endpoints.retryDelivery(id);
  }
}
