import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { isIP, LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Resolves a host name to all its addresses; a provider so tests can make a name resolve where they need. */
export abstract class HostResolver {
  abstract resolve(hostname: string): Promise<LookupAddress[]>;
}

export class DnsHostResolver extends HostResolver {
  resolve(hostname: string): Promise<LookupAddress[]> {
    return new Promise((resolve, reject) =>
      dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
    );
  }
}

/**
 * A resolver that keeps each name's answer for `ttlMs` (failures are not kept): the check before each delivery
 * would otherwise ask the system resolver once per POST. The addresses are still judged on every use, and the
 * connection's own lookup (guardedLookup) stays uncached, so a name moved to a private address is refused when
 * connected to whatever this cache says.
 */
export class CachedHostResolver extends HostResolver {
  private readonly answers = new Map<string, { at: number; addresses: Promise<LookupAddress[]> }>();

  constructor(
    private readonly resolver: HostResolver,
    private readonly ttlMs: number,
    private readonly maxNames = 10_000,
  ) {
    super();
  }

  resolve(hostname: string): Promise<LookupAddress[]> {
    const now = performance.now();
    const kept = this.answers.get(hostname);
    if (kept && now - kept.at < this.ttlMs) return kept.addresses;
    if (this.answers.size >= this.maxNames) this.answers.clear();
    const addresses = this.resolver.resolve(hostname);
    this.answers.set(hostname, { at: now, addresses });
    addresses.catch(() => this.answers.get(hostname)?.addresses === addresses && this.answers.delete(hostname));
    return addresses;
  }
}

/** Why a URL or an address is refused; the message names the rule so the caller can tell the person. */
export class UrlRefused extends Error {
  override name = 'UrlRefused';
}

/**
 * ipaddr.js ranges a webhook must never reach: the machine itself, the private networks behind it, link-local
 * (which holds the cloud metadata address 169.254.169.254), and the rest that is not the public internet.
 * IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 */
const PUBLIC_RANGES = new Set(['unicast']);

export function refusedAddressReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  if (PUBLIC_RANGES.has(range)) return null;
  return `${address} is a ${range === 'linkLocal' ? 'link-local or metadata' : range} address`;
}

/**
 * The rules of a webhook URL (docs/webhooks.md): http(s) only, no credentials in it; where private URLs are
 * not allowed (production), https only and every address the host resolves to must be public. Returns the
 * reason of a refusal, or null.
 */
export async function refusedUrlReason(raw: string, allowPrivate: boolean, resolver: HostResolver): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https URL';
  if (url.username || url.password) return 'must not carry credentials';
  if (allowPrivate) return null;
  if (url.protocol !== 'https:') return 'must be an https URL';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const reason = refusedAddressReason(host);
    return reason && `must not point to ${reason}`;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await resolver.resolve(host);
  } catch (error) {
    return `host ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  for (const { address } of addresses) {
    const reason = refusedAddressReason(address);
    if (reason) return `must not resolve to ${reason} (${host})`;
  }
  return addresses.length ? null : `host ${host} does not resolve`;
}

/**
 * A net.connect lookup that resolves through `resolver` and refuses a private address at the moment of
 * connecting: the address checked is the one connected to, so a name that resolved to a public address when
 * checked cannot be switched to a private one in between (DNS rebinding).
 */
export function guardedLookup(resolver: HostResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolver.resolve(hostname).then(
      (addresses) => {
        const family = typeof options === 'object' ? options.family : undefined;
        const usable = addresses.filter((a) => !family || a.family === family);
        const refused = usable.map((a) => refusedAddressReason(a.address)).find(Boolean);
        if (refused) return callback(new UrlRefused(`refused to connect: ${hostname} resolves to ${refused}`), '', 4);
        if (!usable.length) return callback(Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }), '', 4);
        if (typeof options === 'object' && options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
        callback(null, usable[0].address, usable[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
}
