import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

// Webhook URLs are typed in by users, and the server POSTs to them: without this check, anyone who may add a
// webhook could make the server call its own admin ports, the cloud metadata service (169.254.169.254) or
// other machines on the private network. Every address a host resolves to is checked, since the connection
// may use any of them; callers connect only to the addresses returned here (webhook.channel.ts pins them), so
// DNS answering differently a moment later (rebinding) cannot slip past.

interface BlockedRange {
  cidr: string;
  label: string;
}

const blockedIPv4: readonly BlockedRange[] = [
  { cidr: '0.0.0.0/8', label: '"this network" (0.0.0.0/8)' },
  { cidr: '10.0.0.0/8', label: 'private (10.0.0.0/8)' },
  { cidr: '100.64.0.0/10', label: 'carrier-grade NAT (100.64.0.0/10)' },
  { cidr: '127.0.0.0/8', label: 'loopback (127.0.0.0/8)' },
  { cidr: '169.254.0.0/16', label: 'link-local (169.254.0.0/16, cloud metadata)' },
  { cidr: '172.16.0.0/12', label: 'private (172.16.0.0/12)' },
  { cidr: '192.168.0.0/16', label: 'private (192.168.0.0/16)' },
  { cidr: '224.0.0.0/4', label: 'multicast (224.0.0.0/4)' },
  { cidr: '240.0.0.0/4', label: 'reserved or broadcast (240.0.0.0/4)' },
];

const blockedIPv6: readonly BlockedRange[] = [
  { cidr: '::/128', label: 'unspecified (::)' },
  { cidr: '::1/128', label: 'loopback (::1)' },
  { cidr: 'fe80::/10', label: 'link-local (fe80::/10)' },
  { cidr: 'fec0::/10', label: 'site-local (fec0::/10)' },
  { cidr: 'fc00::/7', label: 'unique local, i.e. private (fc00::/7)' },
  { cidr: 'ff00::/8', label: 'multicast (ff00::/8)' },
];

/** IPv6 prefixes whose last 32 bits are an IPv4 address the packet ends up at. */
const embeddedIPv4Prefixes: readonly BlockedRange[] = [
  { cidr: '::ffff:0:0/96', label: 'IPv4-mapped' },
  { cidr: '64:ff9b::/96', label: 'NAT64' },
];

/** Answers a host's addresses; dns.lookup (the resolver connections use, /etc/hosts included) by default. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export interface CheckWebhookUrlOptions {
  /** Admin setting: let webhooks reach loopback, private and link-local addresses (tests, home labs). */
  allowPrivate: boolean;
  resolve?: ResolveHost;
}

export type WebhookUrlCheck =
  | { ok: true; url: URL; addresses: string[] }
  /** `retryable`: the host could not be resolved just now, which may pass; every other refusal is final. */
  | { ok: false; reason: string; retryable: boolean };

const resolveWithDns: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Whether the server may POST to `rawUrl`: http(s) only, no credentials in the URL, and (unless
 * `allowPrivate`) every resolved address public. Credentials are refused because the URL is shown in the
 * delivery log and in errors, where a password would leak to every reader, and because `https://good@evil/`
 * reads like a trusted host; receivers authenticate MarketLens by the signature header instead.
 */
export async function checkWebhookUrl(rawUrl: string, options: CheckWebhookUrlOptions): Promise<WebhookUrlCheck> {
  const refuse = (why: string, retryable = false): WebhookUrlCheck => ({
    ok: false,
    reason: `webhook URL ${describeUrl(rawUrl)} refused: ${why}`,
    retryable,
  });
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return refuse('not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return refuse(`scheme "${url.protocol}" is not allowed (only http and https)`);
  }
  if (url.username || url.password) {
    return refuse('credentials in the URL are not allowed; receivers check the X-MarketLens-Signature header');
  }
  // The URL parser has already turned 0x7f.1, 2130706433 and friends into dotted quads.
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (isIP(hostname)) {
    addresses = [hostname];
  } else {
    try {
      addresses = await (options.resolve ?? resolveWithDns)(hostname);
    } catch (error) {
      return refuse(`host "${hostname}" could not be resolved (${(error as Error).message})`, true);
    }
    if (addresses.length === 0) return refuse(`host "${hostname}" resolved to no address`, true);
  }
  if (!options.allowPrivate) {
    for (const address of addresses) {
      const blocked = blockedRangeOf(address);
      if (blocked) {
        const via = address === hostname ? '' : ` ("${hostname}" resolves to it)`;
        return refuse(`${address}${via} is ${blocked}, and private targets are not allowed`);
      }
    }
  }
  return { ok: true, url, addresses };
}

/** The label of the non-public range `address` lies in, or null when it is public. */
export function blockedRangeOf(address: string): string | null {
  const withoutZone = address.split('%')[0] ?? address;
  const family = isIP(withoutZone);
  if (family === 4) return rangeOf(ipv4ToBigInt(withoutZone), 32, blockedIPv4);
  if (family !== 6) return `not an IP address`;
  const ip = ipv6ToBigInt(withoutZone);
  for (const prefix of embeddedIPv4Prefixes) {
    if (inCidr(ip, 128, prefix.cidr)) {
      const embedded = bigIntToIPv4(ip & 0xffff_ffffn);
      const inner = rangeOf(ip & 0xffff_ffffn, 32, blockedIPv4);
      return inner && `${prefix.label} ${embedded}, ${inner}`;
    }
  }
  return rangeOf(ip, 128, blockedIPv6);
}

function rangeOf(ip: bigint, bits: number, ranges: readonly BlockedRange[]): string | null {
  return ranges.find((range) => inCidr(ip, bits, range.cidr))?.label ?? null;
}

function inCidr(ip: bigint, bits: number, cidr: string): boolean {
  const [network = '', prefixText = ''] = cidr.split('/');
  const shift = BigInt(bits - Number(prefixText));
  const base = bits === 32 ? ipv4ToBigInt(network) : ipv6ToBigInt(network);
  return ip >> shift === base >> shift;
}

function ipv4ToBigInt(address: string): bigint {
  return address.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

function bigIntToIPv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/** Expects a valid IPv6 address (isIP === 6): expands "::" and a trailing dotted quad. */
function ipv6ToBigInt(address: string): bigint {
  let text = address.toLowerCase();
  const dottedQuad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dottedQuad) {
    const value = ipv4ToBigInt(dottedQuad);
    text = `${text.slice(0, -dottedQuad.length)}${(value >> 16n).toString(16)}:${(value & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headWords = head ? head.split(':') : [];
  const tailWords = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headWords.length - tailWords.length).fill('0');
  return [...headWords, ...zeros, ...tailWords].reduce((value, word) => (value << 16n) | BigInt(`0x${word}`), 0n);
}

/** The URL for messages, with any password masked (the URL may be refused precisely for carrying one). */
function describeUrl(rawUrl: string): string {
  try {
    const url = new URL(rawUrl);
    if (url.password) url.password = '***';
    return JSON.stringify(url.href);
  } catch {
    return JSON.stringify(rawUrl.slice(0, 200));
  }
}
