import { OpenAPIObject } from '@nestjs/swagger';
import { EVENT_DATA_FIELDS, EVENT_TYPES, eventFieldSchema, EventType } from '@app/events';

/** `conversion.created` → `ConversionCreatedEvent`. */
export const eventSchemaName = (type: EventType): string =>
  `${type
    .split(/[._]/)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('')}Event`;

/**
 * The webhook bodies in the OpenAPI document (/docs): a schema per event type (`<Type>Event`: its `type`, the
 * `timestamp` of the change and exactly the fields of its `data`, from EVENT_DATA_FIELDS) and `WebhookEvent`,
 * their union discriminated by `type`. The document is OpenAPI 3.0, which has no `webhooks` section: the
 * schemas are where a generator or a reader finds the payloads.
 */
export function addWebhookEventSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ?? (document.components.schemas = {});
  const ref = (type: EventType) => `#/components/schemas/${eventSchemaName(type)}`;
  for (const type of EVENT_TYPES) {
    const fields = Object.entries(EVENT_DATA_FIELDS[type]);
    schemas[eventSchemaName(type)] = {
      type: 'object',
      description: `The body of a \`${type}\` webhook (docs/webhooks.md); headers webhook-id, webhook-timestamp, webhook-signature.`,
      required: ['type', 'timestamp', 'data'],
      properties: {
        type: { type: 'string', enum: [type] },
        timestamp: { type: 'string', format: 'date-time', description: 'When the change happened' },
        data: {
          type: 'object',
          required: fields.map(([name]) => name),
          additionalProperties: false,
          properties: Object.fromEntries(fields.map(([name, field]) => [name, eventFieldSchema(field)])),
        },
      },
    };
  }
  schemas.WebhookEvent = {
    description: 'Any webhook body: one event of the catalogue, told by its `type` (docs/webhooks.md).',
    oneOf: EVENT_TYPES.map((type) => ({ $ref: ref(type) })),
    discriminator: { propertyName: 'type', mapping: Object.fromEntries(EVENT_TYPES.map((type) => [type, ref(type)])) },
  };
  return document;
}
