import type { BurstParams } from './risk-params';
import type { TokenTransfer } from './token-transfer';

export interface TransferBurst {
  fromBlock: number;
  toBlock: number;
  count: number;
  /** Mean count of the baseline buckets before it. */
  baselineMean: number;
  z: number;
  transfers: TokenTransfer[];
}

export interface BlockRange {
  fromBlock: number;
  toBlock: number;
}

/**
 * Bursts of one token's transfers against a rolling baseline. Blocks from `range.fromBlock` are cut into
 * buckets of `bucketBlocks`; a bucket is judged against the mean and sample SD of the counts of the up to
 * `baselineBuckets` buckets before it (empty ones count as 0), once it has `minBaselineBuckets` of them. It is a
 * burst when count >= minTransfers, count >= ratio x mean and (count - mean) / max(sd, sqrt(mean), 1) >=
 * zThreshold; the floor sqrt(mean) is the Poisson SD, so a quiet baseline with no spread does not make every
 * busy minute a burst. `range` defaults to the token's own first..last block; a scan of one file passes the
 * file's range, so a token that first appears in a burst is judged against the quiet blocks before it.
 */
export function detectTransferBursts(
  transfers: readonly TokenTransfer[],
  params: BurstParams,
  range?: BlockRange,
): TransferBurst[] {
  if (transfers.length === 0) return [];
  const from = range?.fromBlock ?? transfers[0]!.block;
  const to = range?.toBlock ?? transfers[transfers.length - 1]!.block;
  const size = params.bucketBlocks;
  const bucketCount = Math.floor((to - from) / size) + 1;
  const counts = new Float64Array(bucketCount);
  for (const t of transfers) {
    const b = Math.floor((t.block - from) / size);
    if (b >= 0 && b < bucketCount) counts[b] = counts[b]! + 1;
  }
  const bursts: TransferBurst[] = [];
  for (let b = params.minBaselineBuckets; b < bucketCount; b++) {
    const count = counts[b]!;
    if (count < params.minTransfers) continue;
    const start = Math.max(0, b - params.baselineBuckets);
    let sum = 0;
    for (let k = start; k < b; k++) sum += counts[k]!;
    const n = b - start;
    const mean = sum / n;
    let ss = 0;
    for (let k = start; k < b; k++) ss += (counts[k]! - mean) ** 2;
    const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    const z = (count - mean) / Math.max(sd, Math.sqrt(mean), 1);
    if (count >= params.ratio * mean && z >= params.zThreshold) {
      const fromBlock = from + b * size;
      bursts.push({ fromBlock, toBlock: fromBlock + size - 1, count, baselineMean: mean, z, transfers: [] });
    }
  }
  // Members only for the few burst buckets: a list per bucket would cost one array per 5 blocks per token.
  const byStart = new Map(bursts.map((burst) => [burst.fromBlock, burst]));
  for (const t of transfers) byStart.get(from + Math.floor((t.block - from) / size) * size)?.transfers.push(t);
  return bursts;
}
