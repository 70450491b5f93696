import { describe, expect, it } from 'vitest';
import { RollingVolatility } from './rolling-volatility';
import { contractBars, testStreamingFeatureContract } from './streaming-feature-contract';

testStreamingFeatureContract('RollingVolatility(5)', () => new RollingVolatility(5));
testStreamingFeatureContract('RollingVolatility(20)', () => new RollingVolatility(20));

describe('RollingVolatility', () => {
  it('is the sample sd (ddof 1) of the last N log returns', () => {
    const bars = contractBars(80);
    const returns = bars.slice(1).map((b, i) => Math.log(b.close) - Math.log(bars[i]!.close));
    const v = new RollingVolatility(10);
    bars.forEach((b, t) => {
      const value = v.add(b);
      if (t < 10) return expect(value).toBeNull();
      const window = returns.slice(t - 10, t);
      const mean = window.reduce((s, x) => s + x, 0) / 10;
      const sd = Math.sqrt(window.reduce((s, x) => s + (x - mean) ** 2, 0) / 9);
      expect(Math.abs(value! - sd), `bar ${t}`).toBeLessThan(1e-17);
    });
  });

  it('is 0 on a constant-growth series and rejects periods a sample sd cannot use', () => {
    const v = new RollingVolatility(3);
    for (let i = 0; i < 6; i++) v.add({ ts: i, open: 1, high: 1, low: 1, close: 2 ** i, volume: 1 });
    expect(v.getResultOrThrow()).toBeLessThan(1e-15);
    expect(() => new RollingVolatility(1)).toThrow(/period >= 2/);
  });
});
