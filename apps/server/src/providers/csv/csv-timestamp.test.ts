import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPatternTimestampParser, createTimestampParser } from './csv-timestamp';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Values in and around the fixed ISO layouts: right and wrong widths, separators, zones, impossible dates. */
const nearIso = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 60 }),
    separator: fc.constantFrom('T', ' ', 't', '_'),
    fraction: fc.constantFrom('', '.000', '.5', '.123', '.1234', ',123', '.12x'),
    zone: fc.constantFrom('', 'Z', 'z', '+00:00', '-05:30', '+14:00', '+0530', '+05', ' +01:00', 'UTC', '+0a:00'),
    noise: fc.constantFrom('', ' ', 'x'),
  })
  .map(
    (v) =>
      `${v.noise === ' ' ? ' ' : ''}${pad(v.year, 4)}-${pad(v.month, 2)}-${pad(v.day, 2)}${v.separator}` +
      `${pad(v.hour, 2)}:${pad(v.minute, 2)}:${pad(v.second, 2)}${v.fraction}${v.zone}${v.noise === 'x' ? 'x' : ''}`,
  );

describe('timestamp parser', () => {
  it('reads the fixed ISO layouts exactly', () => {
    const parse = createTimestampParser('UTC');
    expect(parse('2024-01-02 03:04:05+00:00')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(parse('2024-01-02T03:04:05.678Z')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    expect(parse('2024-01-02T03:04:05-05:30')).toBe(Date.UTC(2024, 0, 2, 8, 34, 5));
    expect(parse('2024-02-29 00:00:00')).toBe(Date.UTC(2024, 1, 29));
    expect(parse('2023-02-29 00:00:00')).toBeNull(); // not a leap year
    expect(parse('2024-01-02 24:00:00Z')).toBeNull();
    expect(parse('2024-01-02 03:60:00Z')).toBeNull();
  });

  it('reads a wall time without zone in the configured zone (DST included)', () => {
    const parse = createTimestampParser('America/New_York');
    expect(parse('2024-07-01 09:30:00')).toBe(Date.UTC(2024, 6, 1, 13, 30));
    expect(parse('2024-01-02 09:30:00')).toBe(Date.UTC(2024, 0, 2, 14, 30));
    expect(parse('2024-01-02 09:30:00Z')).toBe(Date.UTC(2024, 0, 2, 9, 30)); // an explicit zone wins
  });

  it('agrees with the general pattern path on every value near the fixed layouts', () => {
    for (const zone of ['UTC', 'Europe/Berlin']) {
      const fast = createTimestampParser(zone);
      const pattern = createPatternTimestampParser(zone);
      fc.assert(
        fc.property(nearIso, (value) => {
          expect(fast(value), value).toBe(pattern(value));
        }),
        { seed: 20261205, numRuns: 5_000 },
      );
    }
  });
});
