import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/api-error';
import { describeSignalsError, strategyProblemsOf } from './describe-signals-error';

describe('describeSignalsError', () => {
  it('says an invalid request field by the form’s label', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid body', [
      { location: 'body', path: 'lookAheadCuts', message: 'Too big: expected number to be <=20' },
    ]);
    expect(describeSignalsError(error)).toEqual({
      message: 'Look-ahead cut points must be at most 20.',
      details: [],
    });
  });

  it('passes the server’s own sentence on, as a sentence', () => {
    const error = new ApiError(400, 'TOO_FEW_BARS', 'backtest needs at least 22 bars of SYN-BTC 1d; found 10');
    expect(describeSignalsError(error).message).toBe('Backtest needs at least 22 bars of SYN-BTC 1d; found 10.');
  });
});

describe('strategyProblemsOf', () => {
  it('reads the problems of a refused save, and nothing from any other error', () => {
    const problems = [{ path: 'entry', message: 'column 3: expected an expression', position: 2 }];
    expect(strategyProblemsOf(new ApiError(400, 'INVALID_STRATEGY', 'invalid strategy', problems))).toEqual(problems);
    expect(strategyProblemsOf(new ApiError(409, 'STRATEGY_NAME_TAKEN', 'taken'))).toEqual([]);
    expect(strategyProblemsOf(new Error('offline'))).toEqual([]);
  });
});
