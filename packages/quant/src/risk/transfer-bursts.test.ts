import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_PARAMS } from './risk-params';
import { detectTransferBursts } from './transfer-bursts';
import { transfers } from './transfer-fixture';

const params = {
  ...DEFAULT_RISK_PARAMS.burst,
  bucketBlocks: 2,
  baselineBuckets: 4,
  minBaselineBuckets: 2,
  minTransfers: 5,
};
const at = (block: number, n: number) => Array.from({ length: n }, () => ['A', 'B', 1, block] as const);

describe('detectTransferBursts', () => {
  it('finds a bucket far above its rolling baseline, computed by hand', () => {
    // Buckets of 2 blocks from block 0: counts 1, 1, 2, 0, 8. Baseline of bucket 4 = buckets 0-3: mean 1,
    // sample sd sqrt(2/3) = 0.816; z = (8 - 1) / max(0.816, 1, 1) = 7; 8 >= 4 x 1.
    const list = transfers([...at(0, 1), ...at(3, 1), ...at(4, 2), ...at(9, 8)]);
    const bursts = detectTransferBursts(list, params);
    expect(bursts).toHaveLength(1);
    expect(bursts[0]).toMatchObject({ fromBlock: 8, toBlock: 9, count: 8, baselineMean: 1, z: 7 });
    expect(bursts[0]!.transfers).toHaveLength(8);
  });

  it('does not judge buckets without enough baseline, and counts empty blocks of the scanned range', () => {
    const early = transfers(at(1, 9));
    expect(detectTransferBursts(early, params), 'bucket 0 has no baseline').toEqual([]);
    const bursts = detectTransferBursts(early, params, { fromBlock: -6, toBlock: 1 });
    expect(
      bursts.map((b) => b.fromBlock),
      'three quiet buckets before it in the range',
    ).toEqual([0]);
  });

  it('ignores a busy bucket below minTransfers or the ratio, and an empty list', () => {
    expect(detectTransferBursts(transfers([...at(0, 1), ...at(2, 1), ...at(4, 4)]), params)).toEqual([]);
    expect(detectTransferBursts(transfers([...at(0, 3), ...at(2, 3), ...at(4, 9)]), params), '9 < 4 x 3').toEqual([]);
    expect(detectTransferBursts([], params)).toEqual([]);
  });
});
