import type { FreshClusterParams } from './risk-params';
import { isBurnAddress, isMint, type TokenTransfer } from './token-transfer';

export interface FreshWalletCluster {
  funder: string;
  wallets: string[];
  /** The funding transfers, in chain order. */
  transfers: TokenTransfer[];
  fromBlock: number;
  toBlock: number;
}

/**
 * Fresh-wallet clusters of one token: one address funds at least `minWallets` fresh wallets with equal amounts
 * (max <= min x (1 + amountTolerance)) within `windowBlocks`. A wallet is fresh when the funding transfer is the
 * first time it appears in the token's transfers (as sender or receiver). Equal amounts are what separates a
 * bundle of sniper or sybil wallets from a pool or an exchange paying its many customers, whose amounts vary.
 * Mints are not funding (0x0 is nobody's wallet); an airdrop of equal amounts is the same pattern and is
 * reported too. One cluster per funder: the largest.
 */
export function detectFreshWalletClusters(
  transfers: readonly TokenTransfer[],
  params: FreshClusterParams,
): FreshWalletCluster[] {
  const seen = new Set<string>();
  const byFunder = new Map<string, TokenTransfer[]>();
  for (const t of transfers) {
    const fresh = !seen.has(t.to);
    seen.add(t.from);
    seen.add(t.to);
    if (!fresh || isMint(t) || t.from === t.to || t.value <= 0n || isBurnAddress(t.to)) continue;
    const list = byFunder.get(t.from);
    if (list) list.push(t);
    else byFunder.set(t.from, [t]);
  }
  const clusters: FreshWalletCluster[] = [];
  for (const [funder, fundings] of byFunder) {
    if (fundings.length < params.minWallets) continue;
    const best = largestEqualFundingWindow(fundings, params);
    if (best.length < params.minWallets) continue;
    best.sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
    clusters.push({
      funder,
      wallets: best.map((t) => t.to),
      transfers: best,
      fromBlock: best[0]!.block,
      toBlock: best[best.length - 1]!.block,
    });
  }
  return clusters;
}

/** The largest set of fundings with amounts in one tolerance band and blocks within one window. */
function largestEqualFundingWindow(fundings: readonly TokenTransfer[], params: FreshClusterParams): TokenTransfer[] {
  const byAmount = [...fundings].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  let best: TokenTransfer[] = [];
  let lastBandEnd = -1;
  for (let i = 0; i < byAmount.length; i++) {
    const low = Number(byAmount[i]!.value);
    let end = i;
    while (end < byAmount.length && Number(byAmount[end]!.value) <= low * (1 + params.amountTolerance)) end++;
    // A band that ends where the previous one ended is a subset of it: it cannot hold a larger cluster.
    if (end === lastBandEnd || end - i < Math.max(params.minWallets, best.length + 1)) continue;
    lastBandEnd = end;
    const band = byAmount.slice(i, end).sort((a, b) => a.block - b.block);
    let start = 0;
    for (let k = 0; k < band.length; k++) {
      while (band[k]!.block - band[start]!.block > params.windowBlocks) start++;
      if (k - start + 1 > best.length) best = band.slice(start, k + 1);
    }
  }
  return best;
}
