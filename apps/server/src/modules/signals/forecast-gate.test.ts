import { describe, expect, it } from 'vitest';
import { forecastGateFilter, gateAgrees, latestPredictionAt, type GateSpec, type GateTimeline } from './forecast-gate';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Three daily predictions, made on the bars opening at day 10, 11 and 12 (known at their closes).
const timeline: GateTimeline = {
  asOf: Float64Array.of(10 * DAY, 11 * DAY, 12 * DAY),
  closeAt: Float64Array.of(11 * DAY, 12 * DAY, 13 * DAY),
  values: Float64Array.of(0.004, -0.003, Number.NaN),
};
const regression: GateSpec = {
  model: 'm',
  alias: 'champion',
  version: 3,
  kind: 'regression',
  minPredictedReturn: 0.002,
};
const bar = (ts: number) => ({ ts, open: 1, high: 1, low: 1, close: 1, volume: 1 });

describe('latestPredictionAt', () => {
  it('takes the newest model bar closed by then: a close at the same instant counts, a later one does not', () => {
    expect(latestPredictionAt(timeline, 11 * DAY - 1)).toBe(-1);
    expect(latestPredictionAt(timeline, 11 * DAY)).toBe(0);
    expect(latestPredictionAt(timeline, 12 * DAY - 1)).toBe(0);
    expect(latestPredictionAt(timeline, 12 * DAY)).toBe(1);
    expect(latestPredictionAt(timeline, 99 * DAY)).toBe(2);
    expect(latestPredictionAt({ ...timeline, closeAt: new Float64Array(0) }, 99 * DAY)).toBe(-1);
  });
});

describe('gateAgrees', () => {
  it('needs at least the minimum for longs and at most minus it for shorts (regression)', () => {
    expect(gateAgrees(regression, 0.002, 'long')).toBe(true);
    expect(gateAgrees(regression, 0.0019, 'long')).toBe(false);
    expect(gateAgrees(regression, -0.002, 'short')).toBe(true);
    expect(gateAgrees(regression, 0.001, 'short')).toBe(false);
    expect(gateAgrees(regression, Number.NaN, 'long')).toBe(false);
  });

  it('reads P(up) against minProbUp for longs and 1 - minProbUp for shorts (direction)', () => {
    const direction: GateSpec = { ...regression, kind: 'direction', minPredictedReturn: undefined, minProbUp: 0.6 };
    expect(gateAgrees(direction, 0.6, 'long')).toBe(true);
    expect(gateAgrees(direction, 0.59, 'long')).toBe(false);
    expect(gateAgrees(direction, 0.4, 'short')).toBe(true);
    expect(gateAgrees(direction, 0.41, 'short')).toBe(false);
  });
});

describe('forecastGateFilter', () => {
  const hourly = forecastGateFilter(timeline, regression, HOUR);

  it("judges an hourly bar by the day's forecast known at its close, and records it", () => {
    // The hour 11d 00:00-01:00 closes after day 10's bar closed: day 10's forecast (0.004) applies.
    expect(hourly({ index: 0, bar: bar(11 * DAY), side: 'long' })).toEqual({
      allow: true,
      evidence: {
        model: 'm',
        alias: 'champion',
        version: 3,
        kind: 'regression',
        prediction: 0.004,
        asOf: new Date(10 * DAY).toISOString(),
      },
    });
    // The last hour of day 11 closes exactly when day 11's bar does: its forecast (-0.003) is known.
    const last = hourly({ index: 1, bar: bar(12 * DAY - HOUR), side: 'short' });
    expect(last).toMatchObject({ allow: true, evidence: { prediction: -0.003 } });
    expect(hourly({ index: 2, bar: bar(12 * DAY - 2 * HOUR), side: 'short' }).allow, 'day 11 not yet closed').toBe(
      false,
    );
  });

  it('lets nothing through before the first prediction, or on a missing one', () => {
    expect(hourly({ index: 0, bar: bar(10 * DAY), side: 'long' })).toEqual({ allow: false });
    expect(hourly({ index: 0, bar: bar(13 * DAY), side: 'long' }).allow).toBe(false);
  });
});
