import { BlockList, isIP } from 'node:net';

/** Addresses a webhook may reach only when the allow-list names them: loopback, private, link-local, shared, multicast and reserved ranges. */
const INTERNAL: ReadonlyArray<[string, number, 'ipv4' | 'ipv6']> = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['::1', 128, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

const internal = new BlockList();
for (const [net, prefix, type] of INTERNAL) internal.addSubnet(net, prefix, type);

const family = (address: string): 'ipv4' | 'ipv6' => (isIP(address) === 6 ? 'ipv6' : 'ipv4');
const bare = (host: string) => host.replace(/^\[|\]$/g, '').toLowerCase();
/** `::ffff:10.0.0.1` is 10.0.0.1 (node's BlockList would match an IPv6 mapping rule against every IPv4 address). */
const unmapped = (address: string) => /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1] ?? address;

/**
 * The hosts webhooks may be sent to, set by the system admin: host names (`hooks.example.gov.cn`),
 * wildcards for the names under a domain (`*.example.gov.cn`), addresses and CIDR ranges
 * (`10.20.0.0/16`). A target's host must match an entry; every address its name resolves to must
 * be a public address or lie in an address entry — so a name cannot lead into an internal network
 * the list does not name (DNS rebinding).
 */
export class AllowList {
  private readonly names = new Set<string>();
  private readonly suffixes: string[] = [];
  private readonly addresses = new BlockList();
  private addressEntries = 0;

  constructor(readonly entries: readonly string[]) {
    for (const raw of entries) {
      const entry = raw.trim().toLowerCase();
      if (!entry) continue;
      const [net, prefix] = entry.split('/') as [string, string | undefined];
      if (isIP(bare(net))) {
        const type = family(bare(net));
        if (prefix === undefined) this.addresses.addAddress(bare(net), type);
        else this.addresses.addSubnet(bare(net), Number(prefix), type);
        this.addressEntries += 1;
      } else if (entry.startsWith('*.')) this.suffixes.push(entry.slice(1));
      else this.names.add(entry);
    }
  }

  /** Whether an entry is well formed (checked when the setting is read). */
  static validEntry(raw: string): boolean {
    const entry = raw.trim().toLowerCase();
    const [net, prefix, extra] = entry.split('/');
    if (extra !== undefined || !net) return false;
    const ip = isIP(bare(net));
    if (ip) return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (ip === 6 ? 128 : 32));
    return prefix === undefined && /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(entry);
  }

  get empty(): boolean {
    return this.names.size === 0 && this.suffixes.length === 0 && this.addressEntries === 0;
  }

  /** Whether a URL's host (a name or an address literal) matches an entry. */
  hostAllowed(host: string): boolean {
    const h = bare(host);
    if (isIP(h)) return this.addresses.check(h, family(h));
    return this.names.has(h) || this.suffixes.some((s) => h.endsWith(s) && h.length > s.length);
  }

  /** Whether a connection may go to this address (after DNS resolution). */
  addressAllowed(address: string): boolean {
    const a = unmapped(bare(address));
    if (!isIP(a)) return false;
    if (this.addresses.check(a, family(a))) return true;
    return !internal.check(a, family(a));
  }
}
