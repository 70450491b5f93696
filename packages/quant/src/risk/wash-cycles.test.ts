import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_PARAMS } from './risk-params';
import { hashesOf, MINT, transfers } from './transfer-fixture';
import { detectWashCycles } from './wash-cycles';

const params = DEFAULT_RISK_PARAMS.wash;

describe('detectWashCycles', () => {
  it('finds A -> B -> A with the amount back within 10%', () => {
    const cycles = detectWashCycles(
      transfers([
        ['A', 'B', 1000, 1],
        ['B', 'A', 950, 4],
      ]),
      params,
    );
    expect(cycles).toEqual([{ wallets: ['A', 'B'], transfers: expect.any(Array), fromBlock: 1, toBlock: 4 }]);
    expect(hashesOf(cycles[0]!.transfers)).toEqual(['tx1', 'tx2']);
  });

  it('finds a ring of three done twice as two disjoint cycles', () => {
    const cycles = detectWashCycles(
      transfers([
        ['A', 'B', 100, 1],
        ['B', 'C', 99, 2],
        ['C', 'A', 98, 3],
        ['A', 'B', 97, 4],
        ['B', 'C', 96, 5],
        ['C', 'A', 95, 6],
      ]),
      params,
    );
    expect(cycles.map((c) => c.wallets)).toEqual([
      ['A', 'B', 'C'],
      ['A', 'B', 'C'],
    ]);
    expect(cycles.map((c) => hashesOf(c.transfers))).toEqual([
      ['tx1', 'tx2', 'tx3'],
      ['tx4', 'tx5', 'tx6'],
    ]);
  });

  it('needs the hops in chain order, within the window, with similar amounts, ending in a later block', () => {
    const cases: [string, Parameters<typeof transfers>[0]][] = [
      [
        'a ring walked backwards in time',
        [
          ['C', 'A', 100, 1],
          ['B', 'C', 100, 2],
          ['A', 'B', 100, 3],
        ],
      ],
      [
        'return after 100 blocks',
        [
          ['A', 'B', 100, 1],
          ['B', 'A', 100, 102],
        ],
      ],
      [
        'half comes back',
        [
          ['A', 'B', 100, 1],
          ['B', 'A', 50, 2],
        ],
      ],
      [
        'round trip in one block (bot mechanics)',
        [
          ['A', 'B', 100, 7],
          ['B', 'A', 100, 7],
        ],
      ],
      [
        'self-transfers',
        [
          ['A', 'A', 100, 1],
          ['A', 'A', 100, 2],
        ],
      ],
      [
        'zero values',
        [
          ['A', 'B', 0, 1],
          ['B', 'A', 0, 2],
        ],
      ],
      [
        'a mint and a burn',
        [
          [MINT, 'A', 100, 1],
          ['A', MINT, 100, 2],
        ],
      ],
    ];
    for (const [why, rows] of cases) expect(detectWashCycles(transfers(rows), params), why).toEqual([]);
    expect(detectWashCycles([], params)).toEqual([]);
  });

  it('leaves out a pool: a wallet with more counterparties than maxCounterparties', () => {
    const buyers = ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7'];
    const rows = buyers.map((b, i) => ['P', b, 10 + i, 1] as const);
    const list = transfers([...rows, ['P', 'A', 100, 2], ['A', 'P', 100, 3]]);
    expect(detectWashCycles(list, params), 'P has 8 counterparties').toEqual([]);
    expect(detectWashCycles(list, { ...params, maxCounterparties: 8 })).toHaveLength(1);
  });

  it('respects maxCycleLength', () => {
    const ring = transfers([
      ['A', 'B', 100, 1],
      ['B', 'C', 100, 2],
      ['C', 'D', 100, 3],
      ['D', 'E', 100, 4],
      ['E', 'A', 100, 5],
    ]);
    expect(detectWashCycles(ring, params), 'five wallets > 4').toEqual([]);
    expect(detectWashCycles(ring, { ...params, maxCycleLength: 5 })).toHaveLength(1);
  });
});
