import { describe, expect, it } from 'vitest';
import { newHolderGrowth } from './holder-growth';
import { DEAD_ADDRESS } from './token-transfer';
import { MINT, transfers } from './transfer-fixture';

describe('newHolderGrowth', () => {
  it('counts each receiver once, in the bucket where it first receives tokens', () => {
    const growth = newHolderGrowth(
      transfers([
        [MINT, 'A', 100, 10],
        ['A', 'B', 10, 11],
        ['A', 'B', 10, 12], // B again: not new
        ['B', 'C', 0, 13], // zero value: C receives nothing
        ['A', DEAD_ADDRESS, 5, 14], // a burn: no holder
        ['A', 'C', 1, 15],
        ['C', 'D', 1, 16],
      ]),
      5,
    );
    expect(growth).toEqual([
      { fromBlock: 10, newHolders: 2, totalHolders: 2, growth: null },
      { fromBlock: 15, newHolders: 2, totalHolders: 4, growth: 1 },
    ]);
  });

  it('leaves out buckets without a new holder', () => {
    const growth = newHolderGrowth(
      transfers([
        [MINT, 'A', 100, 0],
        ['A', 'B', 10, 30], // blocks 5-29: nobody new
        ['B', 'A', 1, 31],
      ]),
      5,
    );
    expect(growth).toEqual([
      { fromBlock: 0, newHolders: 1, totalHolders: 1, growth: null },
      { fromBlock: 30, newHolders: 1, totalHolders: 2, growth: 1 },
    ]);
  });

  it('is empty for no transfers', () => {
    expect(newHolderGrowth([], 5)).toEqual([]);
  });
});
