import { describe, expect, it } from 'vitest';
import { localInputToIso, timeUntil } from './ops-words';

describe('timeUntil', () => {
  const now = Date.parse('2026-12-04T10:00:00Z');
  it('says minutes, hours and days the way a person reads a schedule', () => {
    expect(timeUntil('2026-12-04T10:00:20Z', now)).toBe('in less than a minute');
    expect(timeUntil('2026-12-04T10:05:00Z', now)).toBe('in 5 min');
    expect(timeUntil('2026-12-04T12:00:00Z', now)).toBe('in 2 h');
    expect(timeUntil('2026-12-04T12:15:00Z', now)).toBe('in 2 h 15 min');
    expect(timeUntil('2026-12-07T22:15:00Z', now)).toBe('in 4 days');
  });

  it('never says a past time is in the future by a negative amount', () => {
    expect(timeUntil('2026-12-04T09:00:00Z', now)).toBe('in less than a minute');
  });
});

describe('localInputToIso', () => {
  it('keeps an empty field as no filter and turns a local time into an instant', () => {
    expect(localInputToIso('')).toBe('');
    expect(localInputToIso('2026-12-04T10:30')).toBe(new Date(2026, 11, 4, 10, 30).toISOString());
    expect(localInputToIso('not a time')).toBe('');
  });
});
