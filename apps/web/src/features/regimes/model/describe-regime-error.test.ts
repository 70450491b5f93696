import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/api-error';
import { describeRegimeError } from './describe-regime-error';

describe('describeRegimeError', () => {
  it('lists each invalid field of a 400 that the headline does not already say', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid body: states: Too big: expected <=8', [
      { location: 'body', path: 'states', message: 'Too big: expected <=8' },
      { location: 'body', path: 'restarts', message: 'Too small: expected >=1' },
    ]);
    expect(describeRegimeError(error)).toEqual({
      message: 'Invalid body: states: Too big: expected <=8',
      details: ['restarts: Too small: expected >=1'],
    });
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
