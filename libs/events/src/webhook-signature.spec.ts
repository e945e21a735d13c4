import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, signWebhook } from './webhook-signature';

describe('webhook signatures', () => {
  const body = JSON.stringify({ type: 'ping', timestamp: '2026-12-05T06:00:00.000Z', data: { endpointId: 'e' } });

  it('signs as the standardwebhooks package does (an independent implementation)', () => {
    const secret = generateWebhookSecret();
    const at = new Date('2026-12-05T06:00:00Z');
    expect(signWebhook([secret], 'msg_1', at.getTime() / 1000, body)).toBe(new Webhook(secret).sign('msg_1', at, body));
  });

  it('gives one signature per secret, each verifiable on its own', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': 'msg_2',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook([current, previous], 'msg_2', timestamp, body),
    };
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of [current, previous]) expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
  });
});
