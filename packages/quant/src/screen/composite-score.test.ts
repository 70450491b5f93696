import { describe, expect, it } from 'vitest';
import { COMPOSITE_WEIGHTS, compositeScores, percentileRanks } from './composite-score';

const col = (...xs: number[]) => Float64Array.from(xs);
const NaN_ = Number.NaN;

describe('percentileRanks', () => {
  it('ranks 0 to 1 with ties sharing their average rank, skipping missing values', () => {
    expect(Array.from(percentileRanks(col(3, 1, NaN_, 2, 2))!)).toEqual([1, 0, NaN_, 0.5, 0.5]);
    expect(Array.from(percentileRanks(col(NaN_, 7))!)).toEqual([NaN_, 0.5]);
    expect(percentileRanks(col(NaN_, NaN_)), 'no value: the component is out of play').toBeNull();
  });
});

describe('compositeScores', () => {
  it('has weights summing to 1, so a row best on everything scores 100', () => {
    const total = Object.values(COMPOSITE_WEIGHTS).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 12);
    const columns = Object.fromEntries(Object.keys(COMPOSITE_WEIGHTS).map((k) => [k, col(1, 2, 3)]));
    expect(Array.from(compositeScores(columns, 3))).toEqual([0, 50, 100]);
  });

  it('renormalises over the components a row has, and drops components no row has', () => {
    // Only ret3m (0.2) and ret6m (0.15) in play; fundamentals absent everywhere do not count.
    const columns = {
      ret3m: col(0.1, 0.2, NaN_),
      ret6m: col(0.3, 0.1, 0.5),
      revenueGrowthYoY: col(NaN_, NaN_, NaN_),
      marketCap: col(1e9, 2e9, 3e9),
    };
    const scores = compositeScores(columns, 3);
    // Row 0: ret3m pct 0, ret6m pct 0.5 -> (0.2*0 + 0.15*0.5) / 0.35.
    expect(scores[0]).toBeCloseTo((100 * 0.15 * 0.5) / 0.35, 12);
    expect(scores[1]).toBeCloseTo((100 * 0.2 * 1) / 0.35, 12);
    // Row 2 has 0.15 of the 0.35 in play, under half: no score.
    expect(Number.isNaN(scores[2]!)).toBe(true);
  });

  it('scores nothing when no component has a value', () => {
    expect(Array.from(compositeScores({ price: col(1, 2) }, 2)).every(Number.isNaN)).toBe(true);
  });
});
