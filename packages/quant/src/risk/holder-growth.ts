import { isBurnAddress, type TokenTransfer } from './token-transfer';

export interface HolderGrowthBucket {
  fromBlock: number;
  /** Addresses that received the token for the first time (in these transfers) within the bucket. */
  newHolders: number;
  /** Distinct receivers so far, this bucket included. */
  totalHolders: number;
  /** newHolders / the holders before this bucket; null for the first bucket. */
  growth: number | null;
}

/**
 * New-holder growth of one token per bucket of `bucketBlocks` blocks, counted from its first transfer: each
 * address is counted once, in the bucket where it first receives a non-zero amount (0x0 and 0x...dead never
 * count). Buckets without a new holder are left out (a quiet token over weeks would be thousands of zeros). On
 * a partial history every receiver looks new in the first buckets; the later buckets are the informative ones.
 */
export function newHolderGrowth(transfers: readonly TokenTransfer[], bucketBlocks: number): HolderGrowthBucket[] {
  if (transfers.length === 0) return [];
  const first = transfers[0]!.block;
  const buckets: HolderGrowthBucket[] = [];
  const seen = new Set<string>();
  for (const t of transfers) {
    if (t.value === 0n || isBurnAddress(t.to) || seen.has(t.to)) continue;
    seen.add(t.to);
    const fromBlock = first + Math.floor((t.block - first) / bucketBlocks) * bucketBlocks;
    const last = buckets[buckets.length - 1];
    if (last !== undefined && last.fromBlock === fromBlock) last.newHolders += 1;
    else buckets.push({ fromBlock, newHolders: 1, totalHolders: 0, growth: null });
  }
  let total = 0;
  for (const bucket of buckets) {
    bucket.growth = total > 0 ? bucket.newHolders / total : null;
    total += bucket.newHolders;
    bucket.totalHolders = total;
  }
  return buckets;
}
