import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { EVENT_TYPES } from '@app/events';
import { Omittable } from '@app/common';
import { HttpUrl, Timestamp } from '../core/validators';
import { oneOf } from '../core/validators';

/** What an endpoint can subscribe to: the catalogue without ping, which is only ever sent on request. */
export const SUBSCRIBABLE_TYPES = EVENT_TYPES.filter((t) => t !== 'ping');

export class CreateWebhookEndpointRequest {
  @ApiProperty({ example: 'https://hooks.example.com/ambassador-crm', description: 'https, on a public address (in production)' })
  @HttpUrl()
  url: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Warehouse sync' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional({ type: [String], enum: SUBSCRIBABLE_TYPES, nullable: true, description: 'Omitted or null: every type' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SUBSCRIBABLE_TYPES.length)
  @IsIn(SUBSCRIBABLE_TYPES, { each: true, ...oneOf(SUBSCRIBABLE_TYPES) })
  eventTypes?: string[] | null;

  @ApiPropertyOptional({ default: true })
  @Omittable()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateWebhookEndpointRequest extends PartialType(CreateWebhookEndpointRequest, { skipNullProperties: false }) {}

export class ReplayRequest {
  @ApiProperty({ example: '2026-11-01T00:00:00Z', description: 'Events that occurred at or after this time' })
  @Timestamp()
  since: string;
}

export class WebhookEndpointView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: [String], nullable: true, description: 'null: every type' }) eventTypes: string[] | null;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why the worker disabled it (410 Gone, failing for days)' })
  disabledReason: string | null;
  @ApiProperty({ type: Date, nullable: true, description: 'First failed attempt since the last success' }) failingSince: Date | null;
  @ApiProperty({ type: Date, nullable: true, description: 'Until when the secret replaced by the last rotation still signs' })
  previousSecretExpiresAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class CreatedWebhookEndpointView extends WebhookEndpointView {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The signing secret; shown once, store it now' })
  secret: string;
}

export class WebhookEndpointList {
  @ApiProperty({ type: [WebhookEndpointView] }) data: WebhookEndpointView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class WebhookDeliveryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) endpointId: string;
  @ApiProperty({ format: 'uuid', description: 'The webhook-id header: receivers deduplicate on it' }) eventId: string;
  @ApiProperty({ example: 'contract.activated' }) eventType: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: Date, nullable: true }) lastAttemptAt: Date | null;
  @ApiProperty({ type: Number, nullable: true }) lastResponseStatus: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: Date, nullable: true }) nextAttemptAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) deliveredAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class WebhookAttemptView {
  @ApiProperty() attemptedAt: Date;
  @ApiProperty() durationMs: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null: no answer (timeout, refused, connection error)' }) responseStatus:
    number | null;
  @ApiProperty({ type: String, nullable: true, description: 'The first 1 KB of the answer' }) responseExcerpt: string | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty() delivered: boolean;
}

export class WebhookDeliveryDetailView extends WebhookDeliveryView {
  @ApiProperty({ type: [WebhookAttemptView], description: 'Every attempt, oldest first' }) attemptList: WebhookAttemptView[];
}

export class WebhookDeliveryList {
  @ApiProperty({ type: [WebhookDeliveryView] }) data: WebhookDeliveryView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class ReplayView {
  @ApiProperty({ description: 'Deliveries queued again (at most 10,000 per call)' }) replayed: number;
}
