import { describe, expect, it } from 'vitest';
import { equitySeries, wantsLogScale } from './equity-series';

const curve = {
  times: [
    '2024-01-01T00:00:00.000Z',
    '2024-01-02T00:00:00.000Z',
    '2024-01-03T00:00:00.000Z',
    '2024-01-04T00:00:00.000Z',
  ],
  equity: [0.9, 1.2, 0.9, 1.5],
  buyAndHold: [1.1, 1.0, 1.21, 1.1],
  totalPoints: 4,
};

describe('equitySeries', () => {
  it('measures each drawdown from the highest value so far, starting from 1', () => {
    const points = equitySeries(curve);
    expect(points.map((p) => p.drawdown.toFixed(4))).toEqual(['-0.1000', '0.0000', '-0.2500', '0.0000']);
    expect(points.map((p) => p.buyAndHoldDrawdown.toFixed(4))).toEqual(['0.0000', '-0.0909', '0.0000', '-0.0909']);
    expect(points[0]?.t).toBe(Date.UTC(2024, 0, 1));
  });

  it('stops at the shortest array instead of drawing undefined points', () => {
    expect(equitySeries({ ...curve, buyAndHold: [1, 1] })).toHaveLength(2);
  });
});

describe('wantsLogScale', () => {
  it('asks for a log scale only when the curves span more than 4x', () => {
    expect(wantsLogScale(equitySeries(curve))).toBe(false);
    expect(wantsLogScale(equitySeries({ ...curve, buyAndHold: [1, 2, 8, 16] }))).toBe(true);
  });
});
