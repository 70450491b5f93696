import { describe, expect, it } from 'vitest';
import { HttpError } from '../../http/http-errors';
import { alignedRange, barsPerBucket, finerTimeframes, resampleStep } from './backtest-timeframes';

const t = (iso: string) => Date.parse(iso);

describe('backtest timeframes', () => {
  it('reads the strategy timeframe as is, resamples a finer one and refuses a coarser one', () => {
    expect(resampleStep('1h', '1h')).toBeNull();
    expect(resampleStep('1m', '1h')).toEqual({ source: '1m', target: '1h' });
    expect(() => resampleStep('1d', '1h')).toThrow(HttpError);
  });

  it('looks for finer stored bars coarsest first', () => {
    expect(finerTimeframes('1h')).toEqual(['30m', '15m', '5m', '1m']);
    expect(finerTimeframes('1m')).toEqual([]);
    expect(barsPerBucket('1m', '1h')).toBe(60);
  });

  it('moves a range inward to whole buckets of the target timeframe', () => {
    expect(alignedRange({ from: t('2024-01-01T02:00:00Z'), to: t('2024-01-02T03:00:00Z') }, '4h')).toEqual({
      from: t('2024-01-01T04:00:00Z'),
      to: t('2024-01-02T00:00:00Z'),
    });
    expect(alignedRange({ from: t('2024-01-01T04:00:00Z') }, '4h')).toEqual({ from: t('2024-01-01T04:00:00Z') });
    expect(alignedRange({}, '1d')).toEqual({});
  });
});
