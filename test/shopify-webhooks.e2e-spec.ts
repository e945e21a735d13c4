import { DataSource } from 'typeorm';
import { AppMetrics } from '@app/metrics';
import { apiKeySession, relationshipFixture, shopifyDelivery, signup, trackingCodeFixture, useTestApp } from './support';

const SECRET = 'shpss_test_0123456789abcdef';

/** Shaped like Shopify's orders/paid (Order) and refunds/create (Refund) payloads, trimmed of unused fields. */
const order = (id: number, code?: string) => ({
  id,
  admin_graphql_api_id: `gid://shopify/Order/${id}`,
  name: `#${id % 10_000}`,
  created_at: '2026-03-10T11:58:00-05:00',
  processed_at: '2026-03-10T12:00:00-05:00',
  currency: 'EUR',
  financial_status: 'paid',
  total_line_items_price: '120.00',
  total_discounts: '12.00',
  subtotal_price: '108.00',
  total_tax: '21.60',
  total_price: '134.60',
  discount_codes: code ? [{ code, amount: '12.00', type: 'percentage' }] : [],
  line_items: [{ id: id * 10, quantity: 2, price: '60.00', sku: 'TEE-01', title: 'Tee' }],
  shipping_lines: [{ price: '5.00', title: 'Standard' }],
});

const refund = (id: number, orderId: number, subtotals: number[]) => ({
  id,
  order_id: orderId,
  created_at: '2026-03-12T09:00:00-05:00',
  note: 'Wrong size',
  refund_line_items: subtotals.map((subtotal, i) => ({
    id: id * 10 + i,
    quantity: 1,
    line_item_id: orderId * 10,
    subtotal,
    total_tax: 0,
    restock_type: 'return',
  })),
  transactions: [{ kind: 'refund', status: 'success', amount: String(subtotals.reduce((a, b) => a + b, 0)) }],
});

describe('Shopify webhooks (e2e)', () => {
  const ctx = useTestApp();
  let relationshipId: string;
  const deliver = (topic: string, payload: object | string, webhookId?: string) =>
    shopifyDelivery(ctx.t.http, ctx.owner.workspaceId, SECRET, topic, payload, webhookId);
  const byOrder = async (orderId: number) =>
    (await ctx.t.http.get('/v1/conversions?limit=200').set(ctx.owner.auth).expect(200)).body.data.filter(
      (c: { source: string; externalId: string }) => c.source === 'shopify' && c.externalId === String(orderId),
    );

  beforeAll(async () => {
    relationshipId = (await relationshipFixture(ctx.t.http, ctx.owner)).id;
    await trackingCodeFixture(ctx.t.http, ctx.owner, relationshipId, { code: 'ANNA10' });
    await ctx.t.http.put('/v1/workspace/shopify').set(ctx.owner.auth).send({ secret: SECRET }).expect(204);
  });

  it('stores the secret for admins only and never returns it', async () => {
    const manager = await apiKeySession(ctx.t.http, ctx.owner, 'manager');
    await ctx.t.http.put('/v1/workspace/shopify').set(manager.auth).send({ secret: 'another-secret' }).expect(403);
    expect(JSON.stringify((await ctx.t.http.get('/v1/workspace').set(ctx.owner.auth).expect(200)).body)).not.toContain(SECRET);
  });

  it('turns orders/paid into an attributed conversion, counted once over 8 deliveries', async () => {
    const payload = order(5_001, 'anna10');
    const answers = await Promise.all(Array.from({ length: 8 }, () => deliver('orders/paid', payload, 'wh-order-5001')));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(answers.filter((a) => a.body.outcome === 'processed')).toHaveLength(1);
    // Another delivery id for the same order is deduplicated by the order id.
    await deliver('orders/paid', payload).expect(200);
    expect(await byOrder(5_001)).toEqual([
      expect.objectContaining({
        relationshipId,
        attributedBy: 'code',
        grossAmount: '120.00',
        discountAmount: '12.00',
        netAmount: '108.00',
        occurredAt: '2026-03-10T17:00:00.000Z',
      }),
    ]);
  });

  it('keeps an order without a known code unattributed', async () => {
    await deliver('orders/paid', order(5_002, 'NOT-OURS')).expect(200);
    await deliver('orders/paid', order(5_003)).expect(200);
    expect(await byOrder(5_002)).toEqual([expect.objectContaining({ relationshipId: null, netAmount: '108.00' })]);
    expect(await byOrder(5_003)).toEqual([expect.objectContaining({ relationshipId: null })]);
  });

  it('reverses refunds once per refund id, and answers 409 to a refund that comes before its order', async () => {
    const early = refund(7_001, 5_004, [30.5]);
    const first = await deliver('refunds/create', early, 'wh-refund-7001').expect(409);
    expect(first.body.code).toBe('SHOPIFY_ORDER_NOT_YET_RECEIVED');
    await deliver('orders/paid', order(5_004, 'ANNA10')).expect(200);
    // Shopify redelivers with the same webhook id: nothing of the 409 was kept, so it is processed now.
    expect((await deliver('refunds/create', early, 'wh-refund-7001').expect(200)).body.outcome).toBe('processed');
    await deliver('refunds/create', early).expect(200);
    expect(await byOrder(5_004)).toEqual([expect.objectContaining({ reversedAmount: '30.50', status: 'pending' })]);
    await deliver('refunds/create', refund(7_002, 5_004, [60, 30])).expect(200);
    expect(await byOrder(5_004)).toEqual([expect.objectContaining({ reversedAmount: '108.00', status: 'reversed' })]);
  });

  it('counts an order and its refund once when each arrives 8 times at once, interleaved, the refund first', async () => {
    const relationship = (await relationshipFixture(ctx.t.http, ctx.owner)).id;
    await trackingCodeFixture(ctx.t.http, ctx.owner, relationship, { code: 'BEA20' });
    // Shopify retries a delivery under its webhook id until it gets a 2xx; two copies of each come under other ids.
    const copies = (topic: string, payload: object, webhookId: string) =>
      Array.from({ length: 8 }, (_, i) => (i < 6 ? webhookId : `${webhookId}-copy-${i}`)).map((id) => ({ topic, payload, id }));
    const refunds = copies('refunds/create', refund(7_101, 5_101, [30.5]), 'wh-refund-7101');
    const orders = copies('orders/paid', order(5_101, 'BEA20'), 'wh-order-5101');
    const interleaved = refunds.flatMap((r, i) => [r, orders[i]]);

    const answers = await Promise.all(interleaved.map(({ topic, payload, id }) => deliver(topic, payload, id)));
    expect(answers.map((a) => a.status).filter((status) => status !== 200 && status !== 409)).toEqual([]);
    expect(answers.filter((a, i) => interleaved[i].topic === 'orders/paid').every((a) => a.status === 200)).toBe(true);
    // The refunds that came before their order are redelivered, as Shopify does, until they succeed.
    const early = interleaved.filter((d, i) => answers[i].status === 409);
    for (const { topic, payload, id } of early) await deliver(topic, payload, id).expect(200);

    expect(await byOrder(5_101)).toEqual([
      expect.objectContaining({ relationshipId: relationship, netAmount: '108.00', reversedAmount: '30.50', status: 'pending' }),
    ]);
    const db = ctx.t.app.get(DataSource);
    expect(await db.query(`SELECT amount::text FROM conversion_reversals WHERE external_id = '7101'`)).toEqual([{ amount: '30.5000' }]);
    // One rollup mark from the order's transaction and one from the refund's: no repeat wrote anything.
    expect(await db.query(`SELECT count(*)::int AS marks FROM rollup_dirty_days WHERE relationship_id = $1`, [relationship])).toEqual([
      { marks: 2 },
    ]);
  });

  it("keeps Shopify's 64-bit ids exact: two documented-sample orders one apart stay two, and the refund finds its own", async () => {
    // Shopify's documented orders/paid and refunds/create samples: order 820982911946154508, refund 509562969 of it.
    // As doubles both order ids are 820982911946154500: one order was counted as a duplicate of the other.
    const raw = (id: string, at: string) =>
      JSON.stringify({ ...order(0), processed_at: at, total_line_items_price: '199.00', total_discounts: '0.00' }).replace(
        /"id":0,"admin_graphql_api_id":"gid:\/\/shopify\/Order\/0"/,
        `"id":${id},"admin_graphql_api_id":"gid://shopify/Order/${id}"`,
      );
    await deliver('orders/paid', raw('820982911946154508', '2026-03-10T12:00:00-05:00')).expect(200);
    expect((await deliver('orders/paid', raw('820982911946154509', '2026-03-11T12:00:00-05:00')).expect(200)).body.outcome).toBe(
      'processed',
    );
    const refundRaw = JSON.stringify(refund(509_562_969, 0, [25])).replace('"order_id":0', '"order_id":820982911946154508');
    await deliver('refunds/create', refundRaw).expect(200);
    const shopify = (await ctx.t.http.get('/v1/conversions?limit=200').set(ctx.owner.auth).expect(200)).body.data.filter(
      (c: { externalId: string }) => c.externalId.startsWith('82098291194615450'),
    );
    expect(shopify.map((c: { externalId: string; reversedAmount: string }) => [c.externalId, c.reversedAmount]).sort()).toEqual([
      ['820982911946154508', '25.00'],
      ['820982911946154509', '0.00'],
    ]);
  });

  it('answers 200 rejected, recorded and not retried, to an order dated in the future or out of range, naming the field', async () => {
    const ahead = { ...order(5_201), processed_at: new Date(Date.now() + 86_400_000).toISOString() };
    const first = await deliver('orders/paid', ahead, 'wh-order-5201').expect(200);
    expect(first.body).toEqual({ outcome: 'rejected', errors: [{ field: 'occurredAt', message: 'must not be in the future' }] });
    expect((await deliver('orders/paid', ahead, 'wh-order-5201').expect(200)).body.outcome).toBe('duplicate');
    const far = { ...order(5_202), processed_at: '+275760-09-13T00:00:00Z' };
    expect((await deliver('orders/paid', far).expect(200)).body).toEqual({
      outcome: 'rejected',
      errors: [{ field: 'processed_at', message: 'must be between 1900-01-01T00:00:00Z and 9998-12-31T23:59:59Z' }],
    });
    expect((await deliver('orders/paid', { ...order(5_203), processed_at: '9999-12-31T23:59:59Z' }).expect(200)).body.outcome).toBe(
      'rejected',
    );
    expect([...(await byOrder(5_201)), ...(await byOrder(5_202)), ...(await byOrder(5_203))]).toEqual([]);
    expect((await ctx.t.app.get(AppMetrics).scrape()).body).toContain('acrm_shopify_orders_rejected_total 3');
  });

  it('answers 401 problem+json to a bad signature or an unknown workspace alike, and ignores other topics', async () => {
    const raw = JSON.stringify(order(5_005));
    const bad = await ctx.t.http
      .post(`/v1/webhooks/shopify/${ctx.owner.workspaceId}`)
      .set({
        'Content-Type': 'application/json',
        'X-Shopify-Hmac-Sha256': 'AAAA',
        'X-Shopify-Webhook-Id': 'w1',
        'X-Shopify-Topic': 'orders/paid',
      })
      .send(raw)
      .expect(401);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    await shopifyDelivery(ctx.t.http, ctx.owner.workspaceId, 'wrong-secret', 'orders/paid', order(5_005)).expect(401);
    const stranger = await signup(ctx.t.http);
    const unknown = await shopifyDelivery(ctx.t.http, stranger.workspaceId, SECRET, 'orders/paid', order(5_005)).expect(401);
    expect(unknown.body.detail).toBe(bad.body.detail);
    await shopifyDelivery(ctx.t.http, 'not-a-uuid', SECRET, 'orders/paid', order(5_005)).expect(401);
    expect(await byOrder(5_005)).toEqual([]);
    expect((await deliver('customers/create', { id: 1 }).expect(200)).body.outcome).toBe('ignored');
  });
});
