import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/api-error';
import { describeRegimeError } from './describe-regime-error';

describe('describeRegimeError', () => {
  it('says each invalid field of a 400 in words, by its label in the form', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid body: states: Too big: expected number to be <=8', [
      { location: 'body', path: 'states', message: 'Too big: expected number to be <=8' },
      { location: 'body', path: 'restarts', message: 'Too small: expected number to be >=1' },
    ]);
    expect(describeRegimeError(error)).toEqual({
      message: 'Regimes (states) must be at most 8.',
      details: ['Restarts must be at least 1.'],
    });
  });

  it('names an empty series name of a CSV upload without the raw validator message', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid querystring: symbol: Too small: …', [
      { location: 'querystring', path: 'symbol', message: 'Too small: expected string to have >=1 characters' },
    ]);
    expect(describeRegimeError(error)).toEqual({ message: 'Symbol is required.', details: [] });
  });

  it('says how many rows a fit needed and how many it got', () => {
    const error = new ApiError(400, 'INSUFFICIENT_DATA', 'Too few rows for 3 states.', { required: 60, received: 12 });
    expect(describeRegimeError(error).details).toEqual(['The fit needs at least 60 rows; the selection has 12.']);
  });

  it('does not repeat the row counts when the message already gives them', () => {
    const error = new ApiError(400, 'TOO_FEW_ROWS', 'too few feature rows for 3 states: need at least 30, got 4', {
      required: 30,
      received: 4,
    });
    expect(describeRegimeError(error).details).toEqual([]);
  });

  it('says a 413 means the file is too large', () => {
    const { message } = describeRegimeError(new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The limit is 50 MB.'));
    expect(message).toBe('The file is too large. The limit is 50 MB.');
  });

  it('uses the message of any other error', () => {
    expect(describeRegimeError(new Error('The fit failed: no convergence'))).toEqual({
      message: 'The fit failed: no convergence',
      details: [],
    });
  });
});
