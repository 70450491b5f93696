import { DonchianChannels as TsDonchianChannels } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { BTC_MISSING_MESSAGE, btcDailyBars } from '../forecast/btc-daily-fixture';
import { testBarIndicatorContract } from './bar-indicator-contract';
import { toBarColumns } from './bar-columns';
import { computeDonchianChannel, DonchianChannel } from './donchian-channel';
import { batchRows } from './indicator-contract';

testBarIndicatorContract(
  'Donchian(20)',
  () => new DonchianChannel(),
  (b) => batchRows(computeDonchianChannel(b)),
);
testBarIndicatorContract(
  'Donchian(1)',
  () => new DonchianChannel(1),
  (b) => batchRows(computeDonchianChannel(b, 1)),
);
testBarIndicatorContract(
  'Donchian(3)',
  () => new DonchianChannel(3),
  (b) => batchRows(computeDonchianChannel(b, 3)),
);

describe('DonchianChannel', () => {
  it('spans the highest high and lowest low of the last period bars, this one included, by hand', () => {
    const dc = new DonchianChannel(3);
    const bars = [
      { high: 10, low: 8 },
      { high: 12, low: 9 },
      { high: 11, low: 7 },
      { high: 9, low: 8 },
      { high: 9.5, low: 8.5 },
    ];
    expect(bars.map((b) => dc.add(b))).toEqual([
      null,
      null,
      { upper: 12, lower: 7, middle: 9.5 },
      { upper: 12, lower: 7, middle: 9.5 },
      { upper: 11, lower: 7, middle: 9 }, // 12 has left the window
    ]);
  });

  it('brings a dropped high back when the forming bar that dropped it is replaced by a lower one', () => {
    const dc = new DonchianChannel(3);
    dc.add({ high: 12, low: 9 });
    dc.add({ high: 11, low: 8 });
    expect(dc.add({ high: 15, low: 10 })!.upper).toBe(15);
    expect(dc.replace({ high: 10.5, low: 10 })!.upper).toBe(12);
  });

  it('rejects a period that is not a whole number >= 1, naming it', () => {
    for (const bad of [0, -20, 2.2]) {
      expect(() => new DonchianChannel(bad)).toThrow(
        new RangeError(`DonchianChannel period must be an integer >= 1, got ${bad}`),
      );
      expect(() => computeDonchianChannel(toBarColumns([]), bad)).toThrow(RangeError);
    }
  });
});

// Reference values on the real BTC daily bars: trading-signals 8.3 (src/volatility/DC, the same definition,
// this bar included, middle (upper + lower) / 2). Maxima and minima are exact, so the channels are equal,
// not only to 1e-9. technicalindicators 3.1 has no Donchian channel.
describe.skipIf(btcDailyBars === null)(
  `Donchian channel reference values on BTC daily bars ${btcDailyBars ? '' : BTC_MISSING_MESSAGE}`,
  () => {
    it('equals trading-signals exactly from the first value', () => {
      for (const period of [5, 20, 55]) {
        const ours = new DonchianChannel(period);
        const theirs = new TsDonchianChannels(period);
        for (const b of btcDailyBars ?? []) {
          const x = ours.add(b);
          const y = theirs.add(b);
          expect(x).toEqual(y === null ? null : { upper: y.upper, lower: y.lower, middle: y.middle });
        }
      }
    });
  },
);
