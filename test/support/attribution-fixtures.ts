import { createHmac, randomBytes } from 'node:crypto';
import TestAgent from 'supertest/lib/agent';

type Auth = { auth: { Authorization: string } };

/** A valid POST /v1/conversions body in EUR; attribute it with relationshipId, code or link in overrides. */
export function conversionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    source: 'api',
    externalId: `order-${randomBytes(6).toString('hex')}`,
    occurredAt: '2026-03-10T12:00:00+01:00',
    amount: '100.00',
    discount: '10.00',
    currency: 'EUR',
    ...overrides,
  };
}

/** A tracking code (or link) of a relationship through the API. */
export async function trackingCodeFixture(
  http: TestAgent,
  s: Auth,
  relationshipId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; code: string }> {
  const body = { relationshipId, kind: 'code', code: `CODE-${randomBytes(4).toString('hex')}`, ...overrides };
  return (await http.post('/v1/tracking-codes').set(s.auth).send(body).expect(201)).body;
}

/** A Shopify delivery signed as Shopify signs it: base64 HMAC-SHA256 of the exact body bytes. */
export function shopifyDelivery(
  http: TestAgent,
  workspaceId: string,
  secret: string,
  topic: string,
  /** A string is sent as is: JSON with integers past 2^53, as Shopify writes its ids. */
  payload: object | string,
  webhookId = randomBytes(8).toString('hex'),
) {
  const raw = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const hmac = createHmac('sha256', secret).update(raw).digest('base64');
  return http
    .post(`/v1/webhooks/shopify/${workspaceId}`)
    .set({
      'Content-Type': 'application/json',
      'X-Shopify-Hmac-Sha256': hmac,
      'X-Shopify-Webhook-Id': webhookId,
      'X-Shopify-Topic': topic,
      'X-Shopify-Shop-Domain': 'acme.myshopify.com',
    })
    .send(raw);
}
