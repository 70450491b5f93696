import { describe, expect, it } from 'vitest';
import { InvalidScheduleError } from './invalid-schedule.error';
import { nextRunOf } from './cron';

describe('nextRunOf', () => {
  it('reads the pattern in UTC: weekdays at 22:15 from a Friday evening is the next Monday', () => {
    const friday = new Date('2026-12-04T23:00:00Z');
    expect(nextRunOf('ingest.prices', '15 22 * * 1-5', friday)?.toISOString()).toBe('2026-12-07T22:15:00.000Z');
  });

  it('gives the next five-minute mark, not the current minute', () => {
    expect(nextRunOf('alerts.evaluate', '*/5 * * * *', new Date('2026-12-04T10:05:00Z'))?.toISOString()).toBe(
      '2026-12-04T10:10:00.000Z',
    );
  });

  it('names the job of a pattern it cannot read', () => {
    expect(() => nextRunOf('regimes.refit', 'every tuesday', new Date())).toThrow(InvalidScheduleError);
  });
});
