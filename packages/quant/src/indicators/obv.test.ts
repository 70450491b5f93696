import { OBV as TsOBV } from 'trading-signals';
import { OBV as TiOBV } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { BTC_MISSING_MESSAGE, btcDailyBars } from '../forecast/btc-daily-fixture';
import { testBarIndicatorContract } from './bar-indicator-contract';
import { toBarColumns } from './bar-columns';
import { batchRows } from './indicator-contract';
import { computeOBV, OBV } from './obv';

testBarIndicatorContract(
  'OBV',
  () => new OBV(),
  (b) => batchRows(computeOBV(b)),
);

describe('OBV', () => {
  it('starts at 0 and adds or subtracts the volume as the close rises or falls, by hand', () => {
    const obv = new OBV();
    const bars = [
      { close: 10, volume: 100 }, // 0
      { close: 11, volume: 200 }, // up: +200
      { close: 11, volume: 50 }, // flat: unchanged
      { close: 9, volume: 70 }, // down: -70
      { close: 12, volume: 30 }, // up: +30
    ];
    expect(bars.map((b) => obv.add(b))).toEqual([0, 200, 200, 130, 160]);
  });
});

// Reference values on the real BTC daily bars: technicalindicators 3.1 (lib/volume/OBV) starts from 0 on
// the first bar as we do but reports from the second bar; trading-signals 8.3 (src/momentum/OBV) with
// interval 2 starts its running total on the second bar from 0. Both add and subtract the same volumes in
// the same order, so the values agree exactly, not only to 1e-9.
describe.skipIf(btcDailyBars === null)(
  `OBV reference values on BTC daily bars ${btcDailyBars ? '' : BTC_MISSING_MESSAGE}`,
  () => {
    const bars = btcDailyBars ?? [];

    it('equals technicalindicators and trading-signals exactly from the second bar', () => {
      const ours = Array.from(computeOBV(toBarColumns(bars))).slice(1);
      const ti = TiOBV.calculate({ close: bars.map((b) => b.close), volume: bars.map((b) => b.volume) });
      const ts = new TsOBV(2);
      const theirs = bars.map((b) => ts.add(b)).slice(1);
      expect(ours).toEqual(ti);
      expect(ours).toEqual(theirs);
    });
  },
);
