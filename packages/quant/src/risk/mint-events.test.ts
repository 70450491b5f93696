import { describe, expect, it } from 'vitest';
import { mintBurnEvents } from './mint-events';
import { DEAD_ADDRESS } from './token-transfer';
import { hashesOf, MINT, transfers } from './transfer-fixture';

describe('mintBurnEvents', () => {
  it('separates the launch mint from later mints and measures them against the supply before', () => {
    const list = transfers([
      [MINT, 'A', 1000, 1],
      [MINT, 'B', 1000, 1], // still the launch block, before any other transfer
      ['A', 'C', 10, 2],
      ['A', DEAD_ADDRESS, 500, 3],
      [MINT, 'D', 150, 4], // supply before: 2000 - 500 = 1500 -> 10%
      [MINT, 'D', 0, 5], // zero: creates nothing
    ]);
    const s = mintBurnEvents(list, true);
    expect(hashesOf(s.initialMints)).toEqual(['tx1', 'tx2']);
    expect(s.laterMints.map((m) => [m.transfer.txHash, m.shareOfSupply])).toEqual([['tx5', 0.1]]);
    expect(hashesOf(s.burns)).toEqual(['tx4']);
    expect(s).toMatchObject({ minted: 2150n, burned: 500n });
  });

  it('treats every mint of a partial history as a later mint of unknown size', () => {
    const s = mintBurnEvents(transfers([[MINT, 'A', 5, 1]]), false);
    expect(s.initialMints).toEqual([]);
    expect(s.laterMints[0]!.shareOfSupply).toBeNull();
    expect(mintBurnEvents(transfers([[MINT, 'A', 5, 1]]), false, 100n).laterMints[0]!.shareOfSupply).toBe(0.05);
  });

  it('reports a mint then a burn of the same tokens', () => {
    const s = mintBurnEvents(
      transfers([
        [MINT, 'A', 100, 1],
        ['A', MINT, 100, 2],
      ]),
      true,
    );
    expect(s).toMatchObject({ minted: 100n, burned: 100n, laterMints: [] });
    expect(mintBurnEvents([], true)).toMatchObject({ minted: 0n, burned: 0n, initialMints: [], burns: [] });
  });
});
