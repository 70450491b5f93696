import { describe, expect, it } from 'vitest';
import { formatCountdown, remainingMs } from './link-countdown';

describe('link code countdown', () => {
  const expiresAt = '2026-01-01T10:10:00.000Z';
  const at = (iso: string) => Date.parse(iso);

  it('counts minutes and seconds down to the expiry', () => {
    expect(formatCountdown(remainingMs(expiresAt, at('2026-01-01T10:00:00.000Z')))).toBe('10:00');
    expect(formatCountdown(remainingMs(expiresAt, at('2026-01-01T10:04:55.000Z')))).toBe('5:05');
  });

  it('shows the last part of a second as 0:01 and stops at zero', () => {
    expect(formatCountdown(remainingMs(expiresAt, at('2026-01-01T10:09:59.400Z')))).toBe('0:01');
    expect(remainingMs(expiresAt, at('2026-01-01T10:11:00.000Z'))).toBe(0);
  });
});
