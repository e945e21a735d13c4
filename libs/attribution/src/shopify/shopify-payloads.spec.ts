import { orderToConversion, parseShopifyJson } from './shopify-payloads';

describe(parseShopifyJson.name, () => {
  it('keeps the digits of integers past 2^53 and reads every other number as JSON.parse does', () => {
    // Shopify's documented sample order and refund: 64-bit ids.
    const text = '{"id":820982911946154508,"order_id":820982911946154509,"small":509562969,"price":30.5,"list":[-9007199254740993]}';
    expect(parseShopifyJson(text)).toEqual({
      id: '820982911946154508',
      order_id: '820982911946154509',
      small: 509_562_969,
      price: 30.5,
      list: ['-9007199254740993'],
    });
  });
});

describe(orderToConversion.name, () => {
  const order = { id: '820982911946154508', currency: 'EUR', total_line_items_price: '10.00' };

  it('keeps the exact id as the external id', () => {
    expect(orderToConversion({ ...order, processed_at: '2026-03-10T12:00:00-05:00' }).externalId).toBe('820982911946154508');
  });

  it('refuses a processed_at outside the range every layer holds, naming it', () => {
    expect(() => orderToConversion({ ...order, processed_at: '+275760-09-13T00:00:00Z' })).toThrow(/processed_at: must be between/);
  });
});
