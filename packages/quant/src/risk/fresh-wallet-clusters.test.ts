import { describe, expect, it } from 'vitest';
import { detectFreshWalletClusters } from './fresh-wallet-clusters';
import { DEFAULT_RISK_PARAMS } from './risk-params';
import { hashesOf, MINT, transfers } from './transfer-fixture';

const params = { ...DEFAULT_RISK_PARAMS.freshCluster, minWallets: 3, windowBlocks: 10, amountTolerance: 0.05 };

describe('detectFreshWalletClusters', () => {
  it('finds one funder sending equal amounts to fresh wallets within the window', () => {
    const clusters = detectFreshWalletClusters(
      transfers([
        ['F', 'W1', 100, 1],
        ['F', 'W2', 104, 2], // within 5% of 100
        ['F', 'W3', 101, 5],
        ['F', 'W4', 300, 6], // another amount
        ['F', 'W5', 100, 30], // outside the 10-block window
      ]),
      params,
    );
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({ funder: 'F', wallets: ['W1', 'W2', 'W3'], fromBlock: 1, toBlock: 5 });
    expect(hashesOf(clusters[0]!.transfers)).toEqual(['tx1', 'tx2', 'tx3']);
  });

  it('does not count wallets seen before, mints, self-transfers or zero amounts as fresh funding', () => {
    const list = transfers([
      ['W1', 'X', 5, 0], // W1 is known before F funds it
      ['F', 'W1', 100, 1],
      [MINT, 'W2', 100, 1],
      ['F', 'F', 100, 2],
      ['F', 'W3', 0, 2],
      ['F', 'W4', 100, 3],
    ]);
    expect(detectFreshWalletClusters(list, params)).toEqual([]);
    expect(detectFreshWalletClusters([], params)).toEqual([]);
  });

  it('does not call varied amounts (a pool paying its buyers) a cluster', () => {
    const list = transfers([
      ['P', 'W1', 100, 1],
      ['P', 'W2', 170, 1],
      ['P', 'W3', 40, 2],
      ['P', 'W4', 900, 3],
    ]);
    expect(detectFreshWalletClusters(list, params)).toEqual([]);
  });
});
