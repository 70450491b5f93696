import { describe, expect, it } from 'vitest';
import { generateRegimeSeries, REFERENCE_TRANSITION, REGIME_SERIES_START } from './regime-series';
import { DAY_MS, utcWeekday } from './synthetic-calendar';

describe('generateRegimeSeries', () => {
  const series = generateRegimeSeries({ n: 20_000, seed: 7 });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateRegimeSeries({ n: 500, seed: 7 });
    expect(generateRegimeSeries({ n: 500, seed: 7 })).toEqual(again);
    expect(generateRegimeSeries({ n: 500, seed: 8 }).logReturns).not.toEqual(again.logReturns);
  });

  it('starts with the anchor bar: regime 0, close 100, no return, on 2000-01-03', () => {
    expect(series.bars).toHaveLength(20_001);
    expect(series.bars[0]).toMatchObject({ ts: REGIME_SERIES_START, close: 100 });
    expect(series.states[0]).toBe(0);
    expect(series.logReturns[0]).toBe(0);
  });

  it('builds closes from the cumulative log returns on business days', () => {
    // One expect for the whole series, naming the first bar that breaks a rule: 20,000 bars x 8 expects took
    // over 5 s on a loaded 2-core machine.
    const broken: string[] = [];
    let sum = 0;
    for (let t = 1; t < series.bars.length && broken.length === 0; t++) {
      sum += series.logReturns[t]!;
      const bar = series.bars[t]!;
      const day = utcWeekday(bar.ts);
      const checks: [string, boolean][] = [
        ['close = 100 exp(cumulative log return)', bar.close === 100 * Math.exp(sum)],
        ["open = the previous bar's close", bar.open === series.bars[t - 1]!.close],
        ['high = max(open, close)', bar.high === Math.max(bar.open, bar.close)],
        ['low = min(open, close)', bar.low === Math.min(bar.open, bar.close)],
        ['volume > 0', bar.volume > 0],
        ['on a weekday', day !== 0 && day !== 6],
        ['one business day after the previous bar', bar.ts - series.bars[t - 1]!.ts === (day === 1 ? 3 : 1) * DAY_MS],
      ];
      for (const [rule, ok] of checks) if (!ok) broken.push(`bar ${t}: ${rule}`);
    }
    expect(broken).toEqual([]);
  });

  it('follows the reference process: occupancy, transitions and per-regime moments near the truth', () => {
    const K = 3;
    const counts = new Float64Array(K * K);
    const sums = [0, 0, 0];
    const sq = [0, 0, 0];
    const occ = [0, 0, 0];
    for (let t = 1; t < series.states.length; t++) {
      const s = series.states[t]!;
      counts[series.states[t - 1]! * K + s]! += 1;
      occ[s]! += 1;
      sums[s]! += series.logReturns[t]!;
      sq[s]! += series.logReturns[t]! ** 2;
    }
    // stationary distribution of the reference chain (solved by hand in markov-chain-stats.test.ts)
    const stationary = [0.625, 0.25, 0.125];
    occ.forEach((c, k) => expect(c / 20_000, `occupancy of regime ${k}`).toBeCloseTo(stationary[k]!, 1));
    for (let i = 0; i < K; i++) {
      const rowTotal = counts[i * K]! + counts[i * K + 1]! + counts[i * K + 2]!;
      expect(counts[i * K + i]! / rowTotal, `A[${i},${i}]`).toBeCloseTo(REFERENCE_TRANSITION[i]![i]!, 1);
    }
    const sds = [0.007, 0.013, 0.03];
    for (let k = 0; k < K; k++) {
      const mean = sums[k]! / occ[k]!;
      const sd = Math.sqrt(sq[k]! / occ[k]! - mean * mean);
      expect(Math.abs(sd / sds[k]! - 1), `sd of regime ${k}`).toBeLessThan(0.05);
    }
  });

  it('rejects a transition matrix that does not match the regimes', () => {
    expect(() => generateRegimeSeries({ n: 10, seed: 1, transition: [[1]] })).toThrow(/transition has 1 rows/);
    expect(() => generateRegimeSeries({ n: -1, seed: 1 })).toThrow(/n must be a non-negative integer/);
  });
});
