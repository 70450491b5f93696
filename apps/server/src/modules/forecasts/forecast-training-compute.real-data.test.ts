// Issue 14: on the real S&P 500 file, buy-and-hold in the walk-forward metrics came out Sharpe 0.453 /
// 1.093 / 2.241 and max drawdown 57% / 98% / 100% at horizons 1 / 5 / 20, because overlapping h-bar
// targets were scored as if they were bars. Same path as `marketlens forecasts train --csv`; skips (saying
// so) when ../shared/data is absent.
import { createReadStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { periodsPerYear } from '../regimes/periods-per-year';
import { readBarsCsv } from '../regimes/regime-upload.service';
import { computeForecastTraining } from './forecast-training-compute';

const FILE = fileURLToPath(new URL('../../../../../../shared/data/index/GSPC_daily_1960-2020.csv', import.meta.url));

describe.skipIf(!existsSync(FILE))(`forecast walk-forward on the S&P 500 (needs ${FILE})`, () => {
  it('gives buy-and-hold the same Sharpe and drawdown at horizons 1, 5 and 20', { timeout: 120_000 }, async () => {
    const bars = await readBarsCsv(createReadStream(FILE), { limitBytes: Infinity });
    const buyHold = (horizon: number) => {
      // the zero model fits in no time; buy-and-hold does not depend on the model
      const { model } = computeForecastTraining(bars, 'GSPC', {
        model: 'zero',
        horizon,
        interval: 0.9,
        window: 'expanding',
        timeframe: '1d',
        periodsPerYear: periodsPerYear('1d', bars),
      });
      return { sharpe: model.metrics.buyHoldSharpe, maxDrawdown: model.metrics.buyHoldMaxDrawdown };
    };
    const one = buyHold(1);
    // h = 1 is unchanged: 9,040 test days from 1984, Sharpe 0.453, the 2007-09 fall of 57%
    expect(one.sharpe).toBeCloseTo(0.453, 3);
    expect(one.maxDrawdown).toBeCloseTo(0.568, 3);
    for (const horizon of [5, 20]) {
      const h = buyHold(horizon);
      // The test rows move by a few dozen of ~9,000 days (the training share and the purge grow with
      // the horizon) and the book ramps in and out over h - 1 days: that is all that may differ.
      expect(Math.abs(h.sharpe - one.sharpe), `Sharpe at horizon ${horizon}: ${h.sharpe}`).toBeLessThan(0.02);
      expect(
        Math.abs(h.maxDrawdown - one.maxDrawdown),
        `drawdown at horizon ${horizon}: ${h.maxDrawdown}`,
      ).toBeLessThan(0.01);
    }
  });
});
