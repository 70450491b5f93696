import { describe, expect, it } from 'vitest';
import { strategyDefinitionSchema } from './strategy.schema';

/** The example strategy of issue 9: it must work verbatim. */
const EXAMPLE = {
  name: 'rsi-reversion-trend',
  timeframe: '1m',
  side: 'long',
  entry: 'rsi(close, 14) < 30 and close > ema(close, 200)',
  exit: 'rsi(close, 14) > 70',
  fees: { rate: 0.001 },
  slippageBps: 0,
};

const issues = (doc: unknown) => {
  const r = strategyDefinitionSchema.safeParse(doc);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('strategyDefinitionSchema', () => {
  it('accepts the example strategy verbatim and fills the defaults', () => {
    expect(strategyDefinitionSchema.parse(EXAMPLE)).toEqual({
      ...EXAMPLE,
      cooldownBars: 0,
      sizing: { fraction: 1 },
    });
  });

  it('rejects unknown and misspelt keys instead of ignoring them', () => {
    expect(issues({ ...EXAMPLE, stopLosPct: 0.02 })).toEqual([expect.stringMatching(/stopLosPct/)]);
    expect(issues({ ...EXAMPLE, fees: { rate: 0.001, maker: 0 } })).toEqual([expect.stringMatching(/^fees: .*maker/)]);
  });

  it('needs a way out and the short rules only with side both', () => {
    expect(issues({ ...EXAMPLE, exit: undefined })).toEqual([
      'exit: a strategy needs a way out: an exit rule, a stop, a target or maxBarsInTrade',
    ]);
    expect(issues({ ...EXAMPLE, exit: undefined, stopLossPct: 0.02 })).toEqual([]);
    expect(issues({ ...EXAMPLE, side: 'both' })).toEqual([
      'entryShort: side "both" needs entryShort, the short entry rule',
      'exitShort: short positions need a way out: exitShort, a stop, a target or maxBarsInTrade',
    ]);
    expect(issues({ ...EXAMPLE, side: 'both', entryShort: 'rsi(close) > 80', exitShort: 'rsi(close) < 50' })).toEqual(
      [],
    );
    expect(issues({ ...EXAMPLE, entryShort: 'rsi(close) > 80' })).toEqual([
      'entryShort: entryShort is only read with side "both"',
    ]);
  });

  it('checks ranges: fractions, periods, fees, slippage, names', () => {
    expect(issues({ ...EXAMPLE, stopLossPct: 2 })).toEqual([expect.stringMatching(/^stopLossPct: /)]);
    expect(issues({ ...EXAMPLE, stopLossPct: 0 })).toEqual([expect.stringMatching(/^stopLossPct: /)]);
    expect(issues({ ...EXAMPLE, maxBarsInTrade: 1.5 })).toEqual([expect.stringMatching(/^maxBarsInTrade: /)]);
    expect(issues({ ...EXAMPLE, fees: { rate: -0.001 } })).toEqual([expect.stringMatching(/^fees.rate: /)]);
    expect(issues({ ...EXAMPLE, slippageBps: 5000 })).toEqual([expect.stringMatching(/^slippageBps: /)]);
    expect(issues({ ...EXAMPLE, sizing: { fraction: 0 } })).toEqual([expect.stringMatching(/^sizing.fraction: /)]);
    expect(issues({ ...EXAMPLE, name: 'has space' })).toEqual([expect.stringMatching(/^name: letters, digits/)]);
    expect(issues({ ...EXAMPLE, timeframe: '2m' })).toEqual([expect.stringMatching(/^timeframe: /)]);
    expect(issues({ ...EXAMPLE, entry: '   ' })).toEqual([expect.stringMatching(/^entry: write a rule/)]);
  });

  it('takes exactly one gate threshold and a regime with allowed labels', () => {
    const gate = { model: 'btc-1d', alias: 'champion', minPredictedReturn: 0.001 };
    expect(issues({ ...EXAMPLE, gate })).toEqual([]);
    expect(issues({ ...EXAMPLE, gate: { ...gate, minProbUp: 0.55 } })).toEqual([
      expect.stringMatching(/^gate: give exactly one of minPredictedReturn/),
    ]);
    expect(strategyDefinitionSchema.parse({ ...EXAMPLE, gate: { model: 'm', minProbUp: 0.6 } }).gate?.alias).toBe(
      'champion',
    );
    expect(issues({ ...EXAMPLE, regime: { allow: ['bull'], minProbability: 0.6 } })).toEqual([]);
    expect(issues({ ...EXAMPLE, regime: { allow: [] } })).toEqual([expect.stringMatching(/^regime.allow: /)]);
    expect(issues({ ...EXAMPLE, regime: { allow: ['bull'], fitId: 'nope' } })).toEqual([
      expect.stringMatching(/^regime.fitId: /),
    ]);
  });
});
