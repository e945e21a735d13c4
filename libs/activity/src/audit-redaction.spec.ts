import { REDACTED, redactSecrets } from './audit-redaction';

describe(redactSecrets.name, () => {
  it('replaces the values under secret-looking names at any depth, keeping the shape', () => {
    const changes = {
      shopifyWebhookSecret: { from: 'old-secret', to: 'new-secret' },
      name: { from: 'A', to: 'B' },
      nested: [{ password: 'p', keyHash: 'h', accessToken: 't' }],
    };
    expect(redactSecrets(changes)).toEqual({
      shopifyWebhookSecret: { from: REDACTED, to: REDACTED },
      name: { from: 'A', to: 'B' },
      nested: [{ password: REDACTED, keyHash: REDACTED, accessToken: REDACTED }],
    });
  });

  it('keeps null (not set) so a first set and a rotation stay distinguishable', () => {
    expect(redactSecrets({ shopifyWebhookSecret: { from: null, to: 'x' } })).toEqual({
      shopifyWebhookSecret: { from: null, to: REDACTED },
    });
  });

  it('leaves ids, prefixes and roles of API keys alone', () => {
    const changes = {
      name: 'Shopify sync',
      role: 'manager',
      prefix: 'ak_abc1234',
      apiKeyId: '0b5d5a1e-0000-4000-8000-000000000000',
      revokedAt: new Date(0),
    };
    expect(redactSecrets(changes)).toEqual(changes);
  });
});
