import { describe, expect, it } from 'vitest';
import { compareFlags, FLAG_CODES, FLAG_WEIGHTS, makeFlag } from './risk-flag';
import { riskScore } from './risk-score';
import { suppressForTrusted, SUPPRESSED_FOR_TRUSTED } from './trusted-tokens';

describe('riskScore', () => {
  it('combines weights as 100 x (1 - prod(1 - w)), capped at 100, 0 without flags', () => {
    expect(riskScore([])).toBe(0);
    expect(riskScore([{ weight: 0.6 }])).toBe(60);
    expect(riskScore([{ weight: 0.6 }, { weight: 0.5 }]), '1 - 0.4 x 0.5').toBe(80);
    expect(riskScore([{ weight: 0.25 }, { weight: 0.6 }])).toBe(riskScore([{ weight: 0.6 }, { weight: 0.25 }]));
    expect(riskScore([{ weight: 1 }, { weight: 0.3 }])).toBe(100);
    expect(riskScore(FLAG_CODES.map((c) => ({ weight: FLAG_WEIGHTS[c] }))), 'every danger flag').toBeLessThanOrEqual(
      100,
    );
  });
});

describe('makeFlag', () => {
  it('weighs danger fully, a warning half and info not at all', () => {
    expect(makeFlag('WASH_CYCLE', 'danger', '', {}, 5).weight).toBe(0.5);
    expect(makeFlag('WASH_CYCLE', 'warn', '', {}, 5).weight).toBe(0.25);
    expect(makeFlag('WASH_CYCLE', 'info', '', {}, 5).weight).toBe(0);
  });

  it('de-duplicates and caps every evidence list, blocks and bars in order', () => {
    const flag = makeFlag('WHALE_TRANSFER', 'warn', 'm', { transactions: ['a', 'b', 'a', 'c'], blocks: [9, 3, 9] }, 2);
    expect(flag.evidence).toEqual({ transactions: ['a', 'b'], blocks: [3, 9], bars: [], posts: [], addresses: [] });
  });

  it('orders flags by weight, then by code order', () => {
    const flags = [
      makeFlag('TRANSFER_BURST', 'warn', '', {}, 1),
      makeFlag('WHALE_TRANSFER', 'warn', '', {}, 1),
      makeFlag('PUMP_PATTERN', 'danger', '', {}, 1),
      makeFlag('MINT_EVENT', 'info', '', {}, 1),
      makeFlag('WASH_CYCLE', 'info', '', {}, 1),
    ].sort(compareFlags);
    expect(flags.map((f) => f.code)).toEqual([
      'PUMP_PATTERN',
      'WHALE_TRANSFER',
      'TRANSFER_BURST',
      'WASH_CYCLE',
      'MINT_EVENT',
    ]);
  });
});

describe('suppressForTrusted', () => {
  it('turns transfer flags into info and keeps PUMP_PATTERN and SENTIMENT_SPIKE', () => {
    for (const code of SUPPRESSED_FOR_TRUSTED) {
      expect(suppressForTrusted(makeFlag(code, 'danger', 'x', {}, 1), 'USDT')).toMatchObject({
        level: 'info',
        weight: 0,
        suppressedBy: 'TRUSTED_TOKEN',
      });
    }
    const pump = makeFlag('PUMP_PATTERN', 'danger', 'x', {}, 1);
    expect(suppressForTrusted(pump, 'USDC')).toBe(pump);
  });
});
