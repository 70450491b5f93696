import type { RunCompare } from '@marketlens/contracts';
import { describe, expect, it } from 'vitest';
import { buildCompareTable, defaultCurveKey, mergeCurves } from './compare-table';

const run = (id: string, name: string | null): RunCompare['runs'][number] => ({
  id,
  experimentId: '00000000-0000-4000-8000-000000000000',
  experimentName: 'forecasts/SYN-BTC/1',
  name,
  status: 'succeeded',
  userId: null,
  startedAt: '2026-01-01T00:00:00.000Z',
  endedAt: '2026-01-01T00:01:00.000Z',
  tags: {},
  error: null,
});

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

const compare: RunCompare = {
  runs: [run(A, 'ridge h1'), run(B, null)],
  params: [{ key: 'model', values: ['ridge', 'gbdt'], differs: true }],
  metrics: [
    { key: 'fold.rmse', values: [0.05, 0.04] },
    { key: 'sharpe', values: [0.3, 0.1] },
    { key: 'baseline.rmse', values: [0.041, 0.041] },
    { key: 'rmse', values: [0.0415, 0.0422] },
    { key: 'n', values: [1600, 1600] },
    { key: 'custom', values: [1, 2] },
  ],
  seriesKeys: ['fold.rmse'],
};

describe('buildCompareTable', () => {
  it('labels columns by run name, or the short id when unnamed', () => {
    expect(buildCompareTable(compare).columns).toEqual([
      { runId: A, label: 'ridge h1' },
      { runId: B, label: '22222222' },
    ]);
  });

  it('orders metrics overall then baseline, leaves curves to the chart, and marks the best by direction', () => {
    const { metrics } = buildCompareTable(compare);
    expect(metrics.map((m) => m.key)).toEqual(['custom', 'n', 'rmse', 'sharpe', 'baseline.rmse']);
    const best = Object.fromEntries(metrics.map((m) => [m.key, m.best]));
    expect(best).toEqual({
      rmse: 0, // lower is better
      sharpe: 0, // higher is better
      'baseline.rmse': null, // all equal: no winner
      n: null, // direction unknown
      custom: null,
    });
  });

  it('passes the params through the diff (reference = first run)', () => {
    expect(buildCompareTable(compare).params[0]).toMatchObject({ key: 'model', differs: true, changed: [false, true] });
  });
});

describe('mergeCurves', () => {
  it('merges series by step, ascending, leaving gaps where a run has no step', () => {
    const merged = mergeCurves([
      {
        runId: A,
        points: [
          { step: 1, value: 0.2 },
          { step: 0, value: 0.1 },
        ],
      },
      { runId: B, points: [{ step: 0, value: 0.3 }] },
    ]);
    expect(merged).toEqual([
      { step: 0, [A]: 0.1, [B]: 0.3 },
      { step: 1, [A]: 0.2 },
    ]);
  });
});

describe('defaultCurveKey', () => {
  it('prefers the RMSE curve, then a metric with a known direction, then the first', () => {
    expect(defaultCurveKey(['fold.buyHoldMaxDrawdown', 'fold.n', 'fold.rmse'])).toBe('fold.rmse');
    expect(defaultCurveKey(['fold.n', 'fold.sharpe'])).toBe('fold.sharpe');
    expect(defaultCurveKey(['fold.n'])).toBe('fold.n');
    expect(defaultCurveKey([])).toBeNull();
  });
});
