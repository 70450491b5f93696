import type { TokenTransfer } from '../token-transfer';
import { isOrdinaryTransfer } from '../whale-transfers';
import { scaleAmount, type Injector } from './injector';

/** A real token that receives planted transfers, with its typical transfer amount. */
export interface Host {
  token: string;
  transfers: readonly TokenTransfer[];
  medianValue: bigint;
  /** Its busiest counterparty (a pool or exchange, usually): where a whale sells. */
  hub: string;
}

export function describeHost(token: string, transfers: readonly TokenTransfer[]): Host {
  const ordinary = transfers.filter(isOrdinaryTransfer);
  const values = ordinary.map((t) => t.value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const medianValue = values[values.length >> 1] ?? 10n ** 18n;
  const degree = new Map<string, number>();
  for (const t of ordinary) for (const a of [t.from, t.to]) degree.set(a, (degree.get(a) ?? 0) + 1);
  const hub = [...degree].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '';
  return { token, transfers, medianValue: medianValue > 0n ? medianValue : 10n ** 18n, hub };
}

/** Positive: k = 2-4 fresh wallets pass an amount round a ring 1-2 times, 1-8 blocks a hop, 0-3% fee a hop. */
export function plantWashRing(inj: Injector, host: Host): void {
  const k = 2 + inj.rng.int(3);
  const rounds = 1 + inj.rng.int(2);
  const ring = Array.from({ length: k }, () => inj.address());
  let amount = scaleAmount(host.medianValue, inj.uniform(-1, 1));
  let block = inj.block(0, 8 * k * rounds);
  const hops: TokenTransfer[] = [];
  for (let r = 0; r < rounds; r++) {
    for (let h = 0; h < k; h++) {
      block += 1 + inj.rng.int(8);
      amount = scaleAmount(amount, Math.log10(1 - inj.uniform(0, 0.03)));
      hops.push(inj.send(host.token, ring[h]!, ring[(h + 1) % k]!, amount, Math.min(block, inj.toBlock)));
    }
  }
  inj.record(
    {
      code: 'WASH_CYCLE',
      kind: 'positive',
      variant: `ring of ${k}, ${rounds} round(s)`,
      token: host.token,
      newToken: false,
    },
    hops,
  );
}

/** Decoy: a payment chain that never returns, or a round trip that comes back with a very different amount. */
export function plantWashDecoy(inj: Injector, host: Host): void {
  const amount = scaleAmount(host.medianValue, inj.uniform(-1, 1));
  let block = inj.block(0, 30);
  const hops: TokenTransfer[] = [];
  let variant: string;
  if (inj.rng.next() < 0.5) {
    const chain = Array.from({ length: 3 + inj.rng.int(3) }, () => inj.address());
    for (let i = 0; i + 1 < chain.length; i++) {
      block += 1 + inj.rng.int(6);
      hops.push(inj.send(host.token, chain[i]!, chain[i + 1]!, amount, Math.min(block, inj.toBlock)));
    }
    variant = `payment chain of ${chain.length}`;
  } else {
    const [a, b] = [inj.address(), inj.address()];
    hops.push(inj.send(host.token, a, b, amount, block));
    const back = scaleAmount(amount, Math.log10(inj.uniform(0.3, 0.7)));
    hops.push(inj.send(host.token, b, a, back, Math.min(block + 1 + inj.rng.int(10), inj.toBlock)));
    variant = 'round trip returning 30-70%';
  }
  inj.record({ code: 'WASH_CYCLE', kind: 'decoy', variant, token: host.token, newToken: false }, hops);
}

/** Positive: a fresh wallet sells 10^2.5-10^4 times the host's median transfer into its busiest address. */
export function plantWhale(inj: Injector, host: Host, positive: boolean): void {
  const exponent = positive ? inj.uniform(2.5, 4) : inj.uniform(0.5, 1.5);
  const t = inj.send(host.token, inj.address(), host.hub, scaleAmount(host.medianValue, exponent), inj.block(0, 0));
  inj.record(
    {
      code: 'WHALE_TRANSFER',
      kind: positive ? 'positive' : 'decoy',
      variant: `10^${exponent.toFixed(2)} x median`,
      token: host.token,
      newToken: false,
    },
    [t],
  );
}

/**
 * Positive: a fresh funder sends 5-12 fresh wallets equal amounts (within +-2%) over up to ~40 blocks. Decoy: the
 * same with amounts spread like a pool paying its buyers (log-normal, sd 1).
 */
export function plantFreshCluster(inj: Injector, host: Host, positive: boolean): void {
  const m = 5 + inj.rng.int(8);
  const base = scaleAmount(host.medianValue, inj.uniform(-0.5, 0.5));
  const funder = inj.address();
  let block = inj.block(0, 4 * m);
  const fundings: TokenTransfer[] = [];
  for (let i = 0; i < m; i++) {
    const noise = positive ? Math.log10(1 + inj.uniform(-0.02, 0.02)) : inj.rng.normal() / Math.LN10;
    fundings.push(inj.send(host.token, funder, inj.address(), scaleAmount(base, noise), Math.min(block, inj.toBlock)));
    block += inj.rng.int(4);
  }
  inj.record(
    {
      code: 'FRESH_WALLET_CLUSTER',
      kind: positive ? 'positive' : 'decoy',
      variant: `${m} wallets, ${positive ? 'equal' : 'log-normal'} amounts`,
      token: host.token,
      newToken: false,
    },
    fundings,
  );
}

/**
 * Positive: 20-60 transfers among 40 fresh wallets within 3 consecutive blocks, placed after the first 25
 * blocks (a burst needs a baseline before it). Decoy: 5-15 such transfers spread over 40 blocks.
 */
export function plantBurst(inj: Injector, host: Host, positive: boolean): void {
  const n = positive ? 20 + inj.rng.int(41) : 5 + inj.rng.int(11);
  const span = positive ? 3 : 40;
  const wallets = Array.from({ length: 40 }, () => inj.address());
  const start = inj.block(25, span);
  const planted: TokenTransfer[] = [];
  for (let i = 0; i < n; i++) {
    const from = wallets[inj.rng.int(40)]!;
    let to = wallets[inj.rng.int(40)]!;
    if (to === from) to = wallets[(wallets.indexOf(from) + 1) % 40]!;
    const value = scaleAmount(host.medianValue, inj.rng.normal() / Math.LN10);
    planted.push(inj.send(host.token, from, to, value, Math.min(start + inj.rng.int(span), inj.toBlock)));
  }
  inj.record(
    {
      code: 'TRANSFER_BURST',
      kind: positive ? 'positive' : 'decoy',
      variant: `${n} transfers in ${span} blocks`,
      token: host.token,
      newToken: false,
    },
    planted,
  );
}
