import type { RegimeSeries } from '@marketlens/contracts';
import { describe, expect, it } from 'vitest';
import { buildRegimeCsv } from './regime-csv';

const states = [
  { index: 0, name: 'bull / low vol' },
  { index: 1, name: 'bear / high vol' },
];

const series = (overrides: Partial<RegimeSeries> = {}): RegimeSeries => ({
  fitId: '00000000-0000-4000-8000-000000000001',
  totalRows: 3,
  dates: ['2024-01-02T00:00:00.000Z', '2024-01-03T00:00:00.000Z', '2024-01-04T00:00:00.000Z'],
  close: [100, 101.5, 99.25],
  path: [0, 0, 1],
  probs: [
    [0.9, 0.1],
    [0.75, 0.25],
    [0.125, 0.875],
  ],
  ...overrides,
});

describe('buildRegimeCsv', () => {
  it('writes a header with one probability column per state, named by index and state name', () => {
    const [header] = buildRegimeCsv(series(), states).split('\n');
    expect(header).toBe('date,close,state,state_name,p_0 bull / low vol,p_1 bear / high vol');
  });

  it('writes one row per date with the path, its state name and full-precision probabilities', () => {
    const lines = buildRegimeCsv(series(), states).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.slice(1)).toEqual([
      '2024-01-02T00:00:00.000Z,100,0,bull / low vol,0.9,0.1',
      '2024-01-03T00:00:00.000Z,101.5,0,bull / low vol,0.75,0.25',
      '2024-01-04T00:00:00.000Z,99.25,1,bear / high vol,0.125,0.875',
    ]);
  });

  it('quotes names that contain commas or quotes so columns stay aligned', () => {
    const csv = buildRegimeCsv(series(), [
      { index: 0, name: 'calm, rising' },
      { index: 1, name: 'the "crash"' },
    ]);
    const [header, first] = csv.split('\n');
    expect(header).toBe('date,close,state,state_name,"p_0 calm, rising","p_1 the ""crash"""');
    expect(first).toBe('2024-01-02T00:00:00.000Z,100,0,"calm, rising",0.9,0.1');
  });

  it('refuses series whose arrays disagree in length, naming the lengths', () => {
    expect(() => buildRegimeCsv(series({ path: [0, 1] }), states)).toThrow(/path 2/);
  });

  it('refuses a row with the wrong number of probabilities, naming the row and date', () => {
    const bad = series({ probs: [[0.9, 0.1], [1], [0.5, 0.5]] });
    expect(() => buildRegimeCsv(bad, states)).toThrow(/Row 2 \(2024-01-03T00:00:00.000Z\) has 1 probabilities for 2/);
  });
});
