import { EMA as TsEMA, MACD as TsMACD } from 'trading-signals';
import { MACD as TiMACD } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { BTC_MISSING_MESSAGE, btcDailyBars } from '../forecast/btc-daily-fixture';
import { EMA } from './ema';
import { batchRows, maxRelativeError, testIndicatorContract } from './indicator-contract';
import { computeMACD, MACD } from './macd';

testIndicatorContract(
  'MACD(12,26,9)',
  () => new MACD(),
  (v) => batchRows(computeMACD(v)),
);
testIndicatorContract(
  'MACD(2,3,2)',
  () => new MACD(2, 3, 2),
  (v) => batchRows(computeMACD(v, 2, 3, 2)),
);

describe('MACD', () => {
  it('is EMA(fast) - EMA(slow), with an EMA signal of that line and their difference', () => {
    const m = new MACD(3, 5, 2);
    const f = new EMA(3);
    const s = new EMA(5);
    const sig = new EMA(2);
    [5, 6, 4, 8, 9, 7, 10, 12, 11].forEach((v) => {
      const r = m.add(v);
      const ff = f.add(v);
      const ss = s.add(v);
      const line = ff !== null && ss !== null ? ff - ss : null;
      const signal = line === null ? null : sig.add(line);
      if (signal === null) expect(r).toBeNull();
      else expect(r).toEqual({ macd: line, signal, histogram: line! - signal });
    });
  });

  it('rejects a fast period that is not below the slow one', () => {
    expect(() => new MACD(26, 12, 9)).toThrow('MACD fast period (26) must be below the slow period (12)');
  });
});

// Reference values: technicalindicators 3.1 (lib/moving_averages/MACD with SimpleMAOscillator and
// SimpleMASignal false: SMA-seeded EMAs, our convention) from its first complete value; trading-signals
// 8.3 (src/momentum/MACD, EMAs seeded with the first value) after 400 bars, when the seeds have decayed.
// Relative error is taken against max(|value|, 1e-6 * price): MACD crosses zero, where a pure relative
// error is undefined.
describe.skipIf(btcDailyBars === null)(
  `MACD reference values on BTC daily closes ${btcDailyBars ? '' : BTC_MISSING_MESSAGE}`,
  () => {
    const closes = (btcDailyBars ?? []).map((b) => b.close);

    it('matches technicalindicators and trading-signals to 1e-9 relative', () => {
      const ours = new MACD(12, 26, 9);
      const theirs = new TsMACD(new TsEMA(12), new TsEMA(26), new TsEMA(9));
      const rows = closes.map((c) => ({ ours: ours.add(c), ts: theirs.add(c) }));
      const ti = TiMACD.calculate({
        values: closes,
        fastPeriod: 12,
        slowPeriod: 26,
        signalPeriod: 9,
        SimpleMAOscillator: false,
        SimpleMASignal: false,
      });
      // technicalindicators right-aligns its output with the input.
      const offset = closes.length - ti.length;
      let worstTi = 0;
      let worstTs = 0;
      rows.forEach((row, i) => {
        if (row.ours === null) return;
        const scale = 1e-6 * closes[i]!;
        const t = ti[i - offset]!;
        for (const [x, y] of [
          [row.ours.macd, t.MACD],
          [row.ours.signal, t.signal],
          [row.ours.histogram, t.histogram],
        ] as const) {
          worstTi = Math.max(worstTi, Math.abs(x - y!) / Math.max(Math.abs(y!), scale));
        }
        if (i >= 400) {
          const s = row.ts!;
          worstTs = Math.max(worstTs, maxRelativeError([row.ours.macd, row.ours.signal], [s.macd, s.signal], scale));
        }
      });
      expect(worstTi).toBeLessThanOrEqual(1e-9);
      expect(worstTs).toBeLessThanOrEqual(1e-9);
    });
  },
);
