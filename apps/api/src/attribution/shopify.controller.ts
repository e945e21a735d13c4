import { Body, Controller, Headers, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public, RequireRole, Role } from '@app/common';
import { SHOPIFY_OUTCOMES, ShopifyResult, ShopifyWebhook } from '@app/attribution';
import { WorkspacesService } from '@app/workspaces';
import { ShopifySettingsRequest } from './conversions.dto';

@ApiTags('shopify')
@Controller()
export class ShopifyController {
  constructor(
    private readonly webhook: ShopifyWebhook,
    private readonly workspaces: WorkspacesService,
  ) {}

  @Put('workspace/shopify')
  @ApiOperation({ summary: 'Stores the Shopify app secret that signs webhooks (admin); never returned' })
  @RequireRole(Role.Admin)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Stored; never returned by any route' })
  async setSecret(@Body() body: ShopifySettingsRequest): Promise<void> {
    await this.workspaces.setShopifySecret(body.secret);
  }

  /** Signed by Shopify, not by a token: the signature is the authentication (401 for any failure). */
  @Post('webhooks/shopify/:workspaceId')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'orders/paid → conversion (an order refused for its content answers 200 rejected, so Shopify does not retry it); refunds/create → reversal (409 until the order has arrived: Shopify retries)',
  })
  @ApiHeader({ name: 'X-Shopify-Hmac-Sha256', required: true })
  @ApiHeader({ name: 'X-Shopify-Webhook-Id', required: true })
  @ApiHeader({ name: 'X-Shopify-Topic', required: true })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        outcome: { type: 'string', enum: [...SHOPIFY_OUTCOMES] },
        errors: {
          type: 'array',
          description: 'Why the order was rejected (nothing recorded but the delivery)',
          items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  })
  async receive(
    @Param('workspaceId') workspaceId: string,
    @Req() req: RawBodyRequest<Request>,
    @Headers('x-shopify-hmac-sha256') hmac?: string,
    @Headers('x-shopify-webhook-id') webhookId?: string,
    @Headers('x-shopify-topic') topic?: string,
  ): Promise<ShopifyResult> {
    return this.webhook.handle({ workspaceId, hmac, webhookId, topic, rawBody: req.rawBody });
  }
}
