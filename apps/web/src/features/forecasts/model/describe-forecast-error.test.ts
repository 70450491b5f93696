import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/api-error';
import { describeForecastError } from './describe-forecast-error';

describe('describeForecastError', () => {
  it('says what horizons are supported when the server rejects one', () => {
    const error = new ApiError(
      400,
      'VALIDATION_FAILED',
      'Invalid querystring: horizon: Too big: expected number to be <=30',
    );
    expect(describeForecastError(error)).toEqual({
      title: 'This horizon is not supported.',
      message: 'The horizon must be a whole number of bars from 1 to 30.',
      details: ['Invalid querystring: horizon: Too big: expected number to be <=30'],
    });
  });

  it('turns a missing model into what to do next, without the code', () => {
    const described = describeForecastError(new ApiError(404, 'NO_MODEL', 'No champion for forecast-X-h1'));
    expect(described.message).toMatch(/^Train a model/);
    expect(JSON.stringify(described)).not.toContain('NO_MODEL');
  });

  it('lists the invalid fields the server names that its message does not already say', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid body', [
      { path: 'interval', message: 'Too small: expected number to be >=0.5' },
    ]);
    expect(describeForecastError(error)).toMatchObject({
      title: 'The request was not accepted.',
      details: ['interval: Too small: expected number to be >=0.5'],
    });
  });
});
