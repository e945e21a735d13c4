import { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { DnsHostResolver, HostResolver } from '@app/events';

/** Names a test makes resolve where it needs (a public address now, a private one later); others go to the real DNS. */
export class FakeResolver extends HostResolver {
  readonly names = new Map<string, string[]>();
  private readonly dns = new DnsHostResolver();

  resolve(hostname: string): Promise<LookupAddress[]> {
    const addresses = this.names.get(hostname);
    if (!addresses) return this.dns.resolve(hostname);
    return Promise.resolve(addresses.map((address) => ({ address, family: isIP(address) })));
  }
}
