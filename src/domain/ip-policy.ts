import ipaddr from 'ipaddr.js';

// Which addresses an outgoing request (feed poll, webhook) may connect to.
// Pure: the resolver and the socket live in src/net/safe-fetch.ts; this
// module only answers "may we talk to this IP, given the allow-list?".
//
// The default is deny for everything that is not globally routed unicast,
// rather than a list of known-bad ranges: a range we forgot then fails
// closed instead of open.

type IP = ipaddr.IPv4 | ipaddr.IPv6;

/** ipaddr.js range names that are ordinary public destinations. */
const PUBLIC_V4 = new Set(['unicast', 'as112', 'amt']);
const PUBLIC_V6 = new Set(['unicast', 'as112v6', 'amt']);

/** Words for the log and the feed's last_error, so operators know what to allow. */
const DESCRIBE: Record<string, string> = {
  private: 'a private (RFC 1918) address',
  loopback: 'a loopback address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique-local (fc00::/7) address',
  deprecatedSiteLocal: 'a site-local (fec0::/10) address',
  unspecified: 'the unspecified address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
  carrierGradeNat: 'a carrier-grade NAT (100.64.0.0/10) address',
  reserved: 'a reserved address',
  benchmarking: 'a benchmarking address',
  teredo: 'a Teredo tunnel address',
  discard: 'a discard-only address',
};

export interface AllowList {
  readonly cidrs: readonly string[];
  readonly ranges: readonly [IP, number][];
}

export type AddressVerdict =
  | { allowed: true; address: string; via: 'public' | 'allow-list' }
  | { allowed: false; address: string; what: string; reason: string };

export class InvalidCidr extends Error {
  override name = 'InvalidCidr';
}

/** Parses CIDRs once; throws InvalidCidr naming the bad entry. */
export function compileAllowList(cidrs: readonly string[]): AllowList {
  const ranges = cidrs.map((c): [IP, number] => {
    try {
      return ipaddr.parseCIDR(c.trim());
    } catch {
      throw new InvalidCidr(`invalid CIDR in the private-network allow-list: "${c}"`);
    }
  });
  return { cidrs: [...cidrs], ranges };
}

/**
 * The IPv4 address hiding inside an IPv6 one, when the IPv6 address is only
 * a way of spelling an IPv4 destination (mapped, translated, NAT64, 6to4,
 * the deprecated IPv4-compatible form). Those must be judged as the IPv4
 * address, or ::ffff:127.0.0.1 would slip past a loopback check.
 */
function embeddedV4(ip: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = ip.parts;
  const fromLow = () => new ipaddr.IPv4([p[6]! >> 8, p[6]! & 0xff, p[7]! >> 8, p[7]! & 0xff]);
  switch (ip.range()) {
    case 'ipv4Mapped':
    case 'rfc6145':
    case 'rfc6052':
      return fromLow();
    case '6to4':
      return new ipaddr.IPv4([p[1]! >> 8, p[1]! & 0xff, p[2]! >> 8, p[2]! & 0xff]);
    default:
      // ::a.b.c.d (IPv4-compatible); :: and ::1 are classified as IPv6 first.
      if (p.slice(0, 6).every((x) => x === 0) && (p[6] !== 0 || p[7]! > 1)) return fromLow();
      return null;
  }
}

/** 'public', or the name of the special range the address falls in. */
export function classifyAddress(address: string): string {
  const ip = parseIp(address);
  if (!ip) return 'invalid';
  if (ip.kind() === 'ipv4') {
    const range = ip.range();
    return PUBLIC_V4.has(range) ? 'public' : range;
  }
  const v6 = ip as ipaddr.IPv6;
  const range = v6.range();
  if (range === 'unspecified' || range === 'loopback') return range;
  const v4 = embeddedV4(v6);
  if (v4) return classifyAddress(v4.toString());
  return PUBLIC_V6.has(range) ? 'public' : range;
}

/** Whether a connection to `address` is allowed: public, or inside an allowed CIDR. */
export function checkAddress(address: string, allow: AllowList): AddressVerdict {
  const ip = parseIp(address);
  if (!ip) return { allowed: false, address, what: 'not an IP address', reason: `"${address}" is not an IP address` };
  if (inAllowList(ip, allow)) return { allowed: true, address, via: 'allow-list' };
  const cls = classifyAddress(address);
  if (cls === 'public') return { allowed: true, address, via: 'public' };
  const what = DESCRIBE[cls] ?? `a special-purpose address (${cls})`;
  return { allowed: false, address, what, reason: `${address} is ${what}` };
}

/** Convenience form taking the CIDR strings of Config.allowPrivateNetworks. */
export function isAddressAllowed(address: string, cidrs: readonly string[]): boolean {
  return checkAddress(address, compileAllowList(cidrs)).allowed;
}

function parseIp(address: string): IP | null {
  // Only canonical dotted quads for IPv4: ipaddr.js also accepts "127.1"
  // and hex parts, which no resolver returns and which only confuse.
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  if (ipaddr.IPv6.isValid(bare)) return ipaddr.IPv6.parse(bare);
  return null;
}

function inAllowList(ip: IP, allow: AllowList): boolean {
  // An IPv4 destination also matches a CIDR written in its IPv4-mapped
  // IPv6 form, and the other way round: both reach the same host.
  const forms: IP[] = [ip];
  if (ip.kind() === 'ipv4') forms.push((ip as ipaddr.IPv4).toIPv4MappedAddress());
  else if ((ip as ipaddr.IPv6).isIPv4MappedAddress()) forms.push((ip as ipaddr.IPv6).toIPv4Address());
  return allow.ranges.some(([net, bits]) => forms.some((f) => f.kind() === net.kind() && f.match(net, bits)));
}
