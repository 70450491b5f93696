import { describe, expect, it } from 'vitest';
import { flagMarkers, laneX, stackRows } from './flag-markers';

const A1 = '00000000-0000-4000-8000-000000000001';
const A2 = '00000000-0000-4000-8000-000000000002';

describe('flagMarkers', () => {
  const risk = [
    { t: 1_000, riskScore: 20, assessmentId: A1 },
    { t: 2_000, riskScore: 70, assessmentId: A2 },
  ];

  it('merges the same flag at the same time from two assessments into one marker of the newest', () => {
    const markers = flagMarkers({
      risk,
      flags: [
        { t: 500, code: 'PUMP_PATTERN', level: 'danger', message: 'new words', assessmentId: A2 },
        { t: 500, code: 'PUMP_PATTERN', level: 'warn', message: 'old words', assessmentId: A1 },
      ],
    });
    expect(markers).toHaveLength(1);
    expect(markers[0]).toMatchObject({ code: 'PUMP_PATTERN', assessmentId: A2, message: 'new words', assessments: 2 });
    expect(markers[0]!.level, 'the worst level either gave').toBe('danger');
  });

  it('keeps different codes at one time, and one code at different times, apart, in time order', () => {
    const markers = flagMarkers({
      risk,
      flags: [
        { t: 900, code: 'WASH_CYCLE', level: 'danger', message: 'm', assessmentId: A2 },
        { t: 100, code: 'SENTIMENT_SPIKE', level: 'warn', message: 'm', assessmentId: A1 },
        { t: 100, code: 'PUMP_PATTERN', level: 'warn', message: 'm', assessmentId: A1 },
        { t: 300, code: 'PUMP_PATTERN', level: 'warn', message: 'm', assessmentId: A1 },
      ],
    });
    expect(markers.map((m) => m.key)).toEqual([
      'PUMP_PATTERN@100',
      'SENTIMENT_SPIKE@100',
      'PUMP_PATTERN@300',
      'WASH_CYCLE@900',
    ]);
  });
});

describe('stackRows', () => {
  it('moves a marker too close to the previous one up a row, and back down once there is room', () => {
    expect(stackRows([0, 5, 8, 20, 24], 14)).toEqual([0, 1, 2, 0, 1]);
  });

  it('puts markers off the axis in row 0 without blocking it', () => {
    expect(stackRows([null, 0, null, 3], 14)).toEqual([0, 0, 0, 1]);
  });
});

describe('laneX', () => {
  it('keeps a marker on the first or last bar whole inside the plot', () => {
    expect(laneX(-0.4, 500, 18), 'the first bar sits half a bar left of the edge').toBe(9);
    expect(laneX(499.8, 500, 18)).toBe(491);
    expect(laneX(250, 500, 18)).toBe(250);
  });

  it('hides a marker scrolled out of view or off the axis', () => {
    expect(laneX(-40, 500, 18)).toBeNull();
    expect(laneX(560, 500, 18)).toBeNull();
    expect(laneX(null, 500, 18)).toBeNull();
  });
});
