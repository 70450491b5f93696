import { describe, expect, it } from 'vitest';
import { holderConcentration, replayHolderLedger } from './holder-balances';
import { DEAD_ADDRESS } from './token-transfer';
import { MINT, transfers } from './transfer-fixture';

describe('replayHolderLedger', () => {
  it('replays a history from the mint into exact balances past 2^53', () => {
    const big = 10n ** 27n; // 1e9 tokens of 18 decimals: far past Number.MAX_SAFE_INTEGER
    const ledger = replayHolderLedger(
      transfers([
        [MINT, 'A', big, 1],
        ['A', 'B', big / 4n + 1n, 2],
        ['B', 'C', 7n, 3],
      ]),
      true,
    );
    expect(ledger.complete).toBe(true);
    expect(ledger.balances.get('A')).toBe(big - big / 4n - 1n);
    expect(ledger.balances.get('B')).toBe(big / 4n + 1n - 7n);
    expect(ledger.balances.get('C')).toBe(7n);
    expect(ledger.supply).toBe(big);
  });

  it('is empty for no transfers', () => {
    const ledger = replayHolderLedger([], true);
    expect(ledger).toMatchObject({ complete: false, minted: 0n, burned: 0n, supply: null });
    expect(holderConcentration(ledger, 10)).toBeNull();
  });

  it('leaves balances unchanged on a self-transfer and a zero-value transfer', () => {
    const ledger = replayHolderLedger(
      transfers([
        [MINT, 'A', 100, 1],
        ['A', 'A', 60, 2],
        ['A', 'B', 0, 3],
      ]),
      true,
    );
    expect(ledger.balances.get('A')).toBe(100n);
    expect(ledger.balances.get('B')).toBe(0n);
    expect(ledger.complete).toBe(true);
  });

  it('takes a mint then a burn out of the supply, and 0x...dead is never a holder', () => {
    const ledger = replayHolderLedger(
      transfers([
        [MINT, 'A', 100, 1],
        ['A', DEAD_ADDRESS, 30, 2],
        ['A', MINT, 20, 3],
      ]),
      true,
    );
    expect(ledger).toMatchObject({ minted: 100n, burned: 50n, supply: 50n, complete: true });
    expect(ledger.balances.has(DEAD_ADDRESS)).toBe(false);
    expect(holderConcentration(ledger, 10)).toMatchObject({ holders: 1, topShare: 1, hhi: 1 });
  });

  it('calls a history partial when a sender spends tokens it never received, or when not told it is whole', () => {
    const rows = transfers([['A', 'B', 5, 1]]);
    expect(replayHolderLedger(rows, true)).toMatchObject({ complete: false, supply: null });
    const minted = transfers([[MINT, 'A', 5, 1]]);
    expect(replayHolderLedger(minted, false).complete, 'a window that starts with a mint proves nothing').toBe(false);
    expect(replayHolderLedger(rows, false, 1000n).supply, 'a given total supply is used').toBe(1000n);
  });
});

describe('holderConcentration', () => {
  it('computes the top-N share and HHI by hand', () => {
    // Supply 100: A 50, B 30, C 15, D 5. Top 2 = 80%; HHI = .25 + .09 + .0225 + .0025 = .365.
    const ledger = replayHolderLedger(
      transfers([
        [MINT, 'A', 100, 1],
        ['A', 'B', 30, 2],
        ['A', 'C', 15, 3],
        ['A', 'D', 5, 4],
      ]),
      true,
    );
    const c = holderConcentration(ledger, 2)!;
    expect(c.holders).toBe(4);
    expect(c.topShare).toBeCloseTo(0.8, 15);
    expect(c.hhi).toBeCloseTo(0.365, 15);
    expect(c.top.map((h) => h.address)).toEqual(['A', 'B']);
    expect(ledger.largestInbound.get('B')?.txHash, 'evidence of how B got its tokens').toBe('tx2');
  });

  it('gives a single holder a top share and HHI of 1', () => {
    const c = holderConcentration(replayHolderLedger(transfers([[MINT, 'A', 42, 1]]), true), 10)!;
    expect(c).toMatchObject({ holders: 1, topShare: 1, hhi: 1 });
  });
});
