import { LookupAddress } from 'node:dns';
import { CachedHostResolver, guardedLookup, HostResolver, refusedAddressReason, refusedUrlReason, UrlRefused } from './url-policy';

class MapResolver extends HostResolver {
  constructor(readonly names: Record<string, string[]>) {
    super();
  }
  resolve(hostname: string): Promise<LookupAddress[]> {
    const addresses = this.names[hostname];
    if (!addresses) return Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
    return Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  }
}

describe('webhook URL policy', () => {
  const resolver = new MapResolver({
    'hooks.example.com': ['93.184.216.34'],
    'internal.example.com': ['10.0.0.7'],
    'mixed.example.com': ['93.184.216.34', '192.168.1.10'],
    'v6.example.com': ['2606:2800:220:1::1'],
  });

  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.0.1',
    '169.254.169.254',
    '::1',
    '::ffff:10.0.0.1',
    'fd00:ec2::254',
    '0.0.0.0',
    '100.64.0.1',
  ])('refuses the non-public address %s', (address) => expect(refusedAddressReason(address)).toEqual(expect.any(String)));

  it.each(['93.184.216.34', '2606:2800:220:1::1', '::ffff:93.184.216.34'])('accepts the public address %s', (address) =>
    expect(refusedAddressReason(address)).toBeNull(),
  );

  it.each([
    ['http://hooks.example.com/x', /https/],
    ['https://127.0.0.1/x', /loopback/],
    ['https://10.1.2.3/x', /private/],
    ['https://169.254.169.254/latest/meta-data', /link-local or metadata/],
    ['https://[::1]/x', /loopback/],
    ['https://internal.example.com/x', /private/],
    ['https://mixed.example.com/x', /private/],
    ['https://nowhere.example.com/x', /does not resolve/],
    ['https://user:pw@hooks.example.com/x', /credentials/],
    ['ftp://hooks.example.com/x', /http or https/],
  ])('refuses %s where private URLs are not allowed', async (url, reason) => {
    expect(await refusedUrlReason(url, false, resolver)).toMatch(reason);
  });

  it('accepts https URLs on public addresses, and anything http(s) where private URLs are allowed', async () => {
    expect(await refusedUrlReason('https://hooks.example.com/x', false, resolver)).toBeNull();
    expect(await refusedUrlReason('https://v6.example.com/x', false, resolver)).toBeNull();
    expect(await refusedUrlReason('http://127.0.0.1:3000/x', true, resolver)).toBeNull();
  });

  it('refuses at connect time a name that now resolves to a private address (DNS rebinding)', async () => {
    const names: Record<string, string[]> = { 'rebind.example.com': ['93.184.216.34'] };
    const lookup = guardedLookup(new MapResolver(names));
    const look = (options: object) =>
      new Promise<{ error: Error | null; address: unknown }>((resolve) =>
        lookup('rebind.example.com', options as never, (error, address) => resolve({ error, address })),
      );
    expect(await look({})).toEqual({ error: null, address: '93.184.216.34' });
    names['rebind.example.com'] = ['127.0.0.1'];
    const refused = await look({});
    expect(refused.error).toBeInstanceOf(UrlRefused);
    expect(refused.error?.message).toMatch(/loopback/);
    expect((await look({ all: true })).error).toBeInstanceOf(UrlRefused);
  });

  describe('CachedHostResolver', () => {
    it('answers a name from its cache for the TTL, then asks again; a failure is not kept', async () => {
      const names: Record<string, string[]> = { 'moving.example.com': ['93.184.216.34'] };
      const inner = new MapResolver(names);
      const asked = jest.spyOn(inner, 'resolve');
      let now = 1_000;
      jest.spyOn(performance, 'now').mockImplementation(() => now);
      const cached = new CachedHostResolver(inner, 5_000);
      expect(await cached.resolve('moving.example.com')).toEqual([{ address: '93.184.216.34', family: 4 }]);
      names['moving.example.com'] = ['10.0.0.8'];
      now += 4_999;
      expect(await refusedUrlReason('https://moving.example.com/x', false, cached)).toBeNull();
      now += 2;
      expect(await refusedUrlReason('https://moving.example.com/x', false, cached)).toMatch(/private/);
      await expect(cached.resolve('nowhere.example.com')).rejects.toThrow('not found');
      names['nowhere.example.com'] = ['93.184.216.35'];
      expect(await cached.resolve('nowhere.example.com')).toEqual([{ address: '93.184.216.35', family: 4 }]);
      expect(asked).toHaveBeenCalledTimes(4);
      jest.restoreAllMocks();
    });
  });
});
