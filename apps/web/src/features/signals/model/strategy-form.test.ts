import { strategyDefinitionSchema } from '@marketlens/contracts';
import { describe, expect, it } from 'vitest';
import { fractionToPercentText, fromDefinition, NEW_STRATEGY, toDocument } from './strategy-form';

describe('toDocument', () => {
  it('turns the form into a document the contract accepts, percentages into fractions', () => {
    const doc = toDocument({ ...NEW_STRATEGY, name: ' rsi-reversion-trend ', stopLossPct: '5', feePct: '0.1' });
    expect(doc).toEqual({
      name: 'rsi-reversion-trend',
      timeframe: '1d',
      side: 'long',
      entry: 'rsi(close, 14) < 30 and close > ema(close, 200)',
      exit: 'rsi(close, 14) > 70',
      stopLossPct: 0.05,
      cooldownBars: 0,
      sizing: { fraction: 1 },
      fees: { rate: 0.001 },
      slippageBps: 0,
    });
    expect(strategyDefinitionSchema.safeParse(doc).success).toBe(true);
  });

  it('keeps rule text untrimmed, so the server’s error columns count in the text on screen', () => {
    expect(toDocument({ ...NEW_STRATEGY, entry: '  close > open ' }).entry).toBe('  close > open ');
  });

  it('sends a value that is not a number as typed, for the server to name', () => {
    expect(toDocument({ ...NEW_STRATEGY, stopLossPct: 'five' }).stopLossPct).toBe('five');
    expect(toDocument({ ...NEW_STRATEGY, maxBarsInTrade: '' })).not.toHaveProperty('maxBarsInTrade');
  });

  it('sends the short rules only for side "both", and the filters only when filled in', () => {
    const long = toDocument({ ...NEW_STRATEGY, entryShort: 'close < open' });
    expect(long).not.toHaveProperty('entryShort');
    expect(long).not.toHaveProperty('regime');
    expect(long).not.toHaveProperty('gate');
    const both = toDocument({
      ...NEW_STRATEGY,
      side: 'both',
      entryShort: 'close < open',
      regimeAllow: 'bull / low vol, sideways',
      regimeMinProbabilityPct: '60',
      gateModel: 'btc-1d',
      gateKind: 'minProbUp',
      gateThreshold: '55',
    });
    expect(both.entryShort).toBe('close < open');
    expect(both.regime).toEqual({ allow: ['bull / low vol', 'sideways'], minProbability: 0.6 });
    expect(both.gate).toEqual({ model: 'btc-1d', alias: 'champion', minProbUp: 0.55 });
  });
});

describe('fromDefinition', () => {
  it('shows a stored document in the form and gives back the same document', () => {
    const definition = strategyDefinitionSchema.parse({
      name: 'x',
      timeframe: '1h',
      side: 'long',
      entry: 'close > open',
      exit: 'close < open',
      stopLossPct: 0.07,
      trailingStopPct: 0.015,
      fees: { rate: 0.001 },
      gate: { model: 'm', minPredictedReturn: 0.001 },
    });
    const values = fromDefinition(definition);
    expect(values.stopLossPct, 'no float noise from 0.07 * 100').toBe('7');
    expect(values.feePct).toBe('0.1');
    expect(strategyDefinitionSchema.parse(toDocument(values))).toEqual(definition);
  });

  it('writes fractions back as the percentages typed', () => {
    expect(fractionToPercentText(0.001)).toBe('0.1');
    expect(fractionToPercentText(undefined)).toBe('');
  });
});
