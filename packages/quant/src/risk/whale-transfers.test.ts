import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_PARAMS } from './risk-params';
import { hashesOf, MINT, transfers } from './transfer-fixture';
import { detectWhaleTransfers } from './whale-transfers';

const params = { ...DEFAULT_RISK_PARAMS.whale, minSample: 5 };

describe('detectWhaleTransfers', () => {
  it('flags the amount whose robust z of log10 passes 3.5, computed by hand', () => {
    // log10 amounts 1, 2, 2, 2, 3, 6: median 2, |dev| 1, 0, 0, 0, 1, 4 -> MAD 0.5, scale 0.7413.
    // z(10^6) = 4 / 0.7413 = 5.396 (a whale); z(10^3) = 1.349 (not).
    const list = transfers([
      ['A', 'B', 10, 1],
      ['A', 'C', 100, 1],
      ['B', 'C', 100, 2],
      ['C', 'D', 100, 2],
      ['D', 'E', 1000, 3],
      ['E', 'F', 1_000_000, 4],
    ]);
    const whales = detectWhaleTransfers(list, null, params);
    expect(hashesOf(whales.map((w) => w.transfer))).toEqual(['tx6']);
    expect(whales[0]!.z).toBeCloseTo(4 / (1.4826 * 0.5), 12);
    expect(whales[0]!.shareOfSupply, 'supply unknown').toBeNull();
  });

  it('needs minSample ordinary transfers for a z-score; mints, burns, self- and zero transfers are not ordinary', () => {
    const list = transfers([
      [MINT, 'A', 10 ** 9, 1],
      ['A', 'A', 10 ** 9, 2],
      ['A', 'B', 0, 2],
      ['A', 'B', 10, 3],
      ['A', 'C', 10 ** 8, 3],
    ]);
    expect(detectWhaleTransfers(list, null, params), 'two ordinary transfers: no z, no supply').toEqual([]);
    expect(detectWhaleTransfers([], null, params)).toEqual([]);
  });

  it('flags any transfer of 5% of a known supply, and needs 1% of it for a z-score whale', () => {
    const list = transfers([
      ['A', 'B', 10, 1],
      ['A', 'C', 100, 1],
      ['B', 'C', 100, 2],
      ['C', 'D', 100, 2],
      ['D', 'E', 1000, 3],
      ['E', 'F', 1_000_000, 4],
    ]);
    expect(detectWhaleTransfers(list, 10n ** 9n, params), 'z 5.4 but 0.1% of the supply').toEqual([]);
    const bySupply = detectWhaleTransfers(list, 20_000n, params);
    expect(hashesOf(bySupply.map((w) => w.transfer)), 'the 1000 moves 5% of 20,000').toEqual(['tx5', 'tx6']);
    expect(bySupply[0]!.shareOfSupply).toBe(0.05);
  });
});
