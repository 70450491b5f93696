import { describe, expect, it } from 'vitest';
import { daysFromCivil, parseIsoDate, utcCivil } from './utc-calendar';

describe('utc calendar', () => {
  it('maps known dates both ways (leap days, century rules, weekdays)', () => {
    // weekdays checked against a printed calendar: 1970-01-01 Thu, 2000-02-29 Tue, 2022-03-01 Tue, 1900-03-01 Thu
    const cases: [number, number, number, number][] = [
      [1970, 1, 1, 4],
      [2000, 2, 29, 2],
      [2022, 3, 1, 2],
      [1900, 3, 1, 4],
      [2024, 12, 31, 2],
    ];
    for (const [year, month, day, weekday] of cases) {
      const ts = daysFromCivil(year, month, day) * 86_400_000;
      expect(utcCivil(ts + 3_600_000 * 23)).toEqual({ year, month, day, weekday });
    }
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(parseIsoDate('2014-09-17')).toBe(1_410_912_000_000);
    expect(() => parseIsoDate('17/09/2014')).toThrow('expected a date as YYYY-MM-DD, got "17/09/2014"');
  });
});
