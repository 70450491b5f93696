import { describe, expect, it } from 'vitest';
import { describeSource, sourceOptions, type SourceChoices } from './subscription-source';

const choices: SourceChoices = {
  strategies: [{ id: 'aaf5f2fe-29e0-48e2-a23e-2d8c011b1438', name: 'ema-cross' }],
  symbols: ['BTC-USD', 'SYN-EQ'],
  rules: [{ id: '57df67e9-9ba7-44ba-84d3-0fbcf869a774', name: 'Breakout', symbol: 'BTC-USD' }],
};

describe('subscription sources', () => {
  it('offers what each source can point at', () => {
    expect(sourceOptions('strategy', choices)).toEqual([{ value: choices.strategies[0]!.id, label: 'ema-cross' }]);
    expect(sourceOptions('symbol', choices).map((o) => o.value)).toEqual(['BTC-USD', 'SYN-EQ']);
    expect(sourceOptions('alert_rule', choices)[0]?.label).toBe('Breakout (BTC-USD)');
  });

  it('names a subscription’s source, and one that is gone by its id', () => {
    expect(describeSource('strategy', choices.strategies[0]!.id, choices)).toBe('Strategy signals: ema-cross');
    expect(describeSource('symbol', 'ETH-USD', choices)).toBe('Symbol signals: ETH-USD');
    expect(describeSource('alert_rule', '0b6a1f6e-5d43-4c3e-9a55-7a1c2b3d4e5f', choices)).toBe(
      'Alert rule: 0b6a1f6e… (not found)',
    );
  });
});
