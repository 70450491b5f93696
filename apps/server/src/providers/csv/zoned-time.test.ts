import { describe, expect, it } from 'vitest';
import { createZoneConverter, zonedWallTimeToUtc, zoneOffsetMs } from './zoned-time';

const HOUR = 3_600_000;
const wall = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

describe('zoned time conversion', () => {
  it('knows New York offsets in winter and summer', () => {
    expect(zoneOffsetMs('America/New_York', Date.UTC(2023, 0, 10, 12))).toBe(-5 * HOUR);
    expect(zoneOffsetMs('America/New_York', Date.UTC(2023, 6, 10, 12))).toBe(-4 * HOUR);
  });

  it('moves a time skipped by spring-forward ahead by the gap', () => {
    // 2023-03-12 02:30 does not exist in New York; 03:30 EDT is 07:30 UTC.
    expect(zonedWallTimeToUtc(wall(2023, 3, 12, 2, 30), 'America/New_York')).toBe(Date.UTC(2023, 2, 12, 7, 30));
    expect(zonedWallTimeToUtc(wall(2023, 3, 12, 3, 30), 'America/New_York')).toBe(Date.UTC(2023, 2, 12, 7, 30));
    expect(zonedWallTimeToUtc(wall(2023, 3, 12, 1, 30), 'America/New_York')).toBe(Date.UTC(2023, 2, 12, 6, 30));
  });

  it('takes the earlier instant for a time repeated by fall-back', () => {
    // 2023-11-05 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
    expect(zonedWallTimeToUtc(wall(2023, 11, 5, 1, 30), 'America/New_York')).toBe(Date.UTC(2023, 10, 5, 5, 30));
    expect(zonedWallTimeToUtc(wall(2023, 11, 5, 2, 30), 'America/New_York')).toBe(Date.UTC(2023, 10, 5, 7, 30));
  });

  it('handles half-hour zones and southern-hemisphere DST through the cached converter', () => {
    const india = createZoneConverter('Asia/Kolkata');
    expect(india(wall(2024, 6, 1, 9, 15))).toBe(Date.UTC(2024, 5, 1, 3, 45));
    const sydney = createZoneConverter('Australia/Sydney');
    expect(sydney(wall(2024, 1, 15, 10))).toBe(Date.UTC(2024, 0, 14, 23)); // AEDT +11
    expect(sydney(wall(2024, 7, 15, 10))).toBe(Date.UTC(2024, 6, 15, 0)); // AEST +10
  });
});
