import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { describeFieldProblem, plainRule, validationProblems } from './validation-words';

describe('plainRule', () => {
  // The inputs are zod 4's default English messages (zod/v4/locales/en.js), as the server sends them.
  it.each([
    ['Too small: expected string to have >=1 characters', 'is required'],
    ['Invalid input: expected string, received undefined', 'is required'],
    ['Too small: expected string to have >=10 characters', 'must be at least 10 characters long'],
    ['Too big: expected string to have <=32 characters', 'must be at most 32 characters long'],
    ['Too small: expected number to be >=1', 'must be at least 1'],
    ['Too big: expected number to be <=8', 'must be at most 8'],
    ['Too small: expected number to be >0', 'must be more than 0'],
    ['Invalid option: expected one of "1m"|"5m"|"1d"', 'must be one of 1m, 5m, 1d'],
    ['Invalid input: expected number, received NaN', 'must be a number'],
    ['Invalid ISO datetime', 'must be a valid ISO datetime'],
  ])('says "%s" as "%s"', (message, words) => {
    expect(plainRule(message)).toBe(words);
  });

  it('leaves a message that a schema wrote for people as it is', () => {
    expect(plainRule('may contain letters, digits and ^ . _ = - only')).toBe(
      'may contain letters, digits and ^ . _ = - only',
    );
  });
});

describe('describeFieldProblem', () => {
  it('names the field and ends the sentence', () => {
    expect(describeFieldProblem('Symbol', 'Too small: expected string to have >=1 characters')).toBe(
      'Symbol is required.',
    );
  });
});

describe('validationProblems', () => {
  const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid querystring: symbol: Too small: …', [
    { location: 'querystring', path: 'symbol', message: 'Too small: expected string to have >=1 characters' },
    { location: 'querystring', path: 'symbol', message: 'may contain letters, digits and ^ . _ = - only' },
    { location: 'querystring', path: 'covarianceType', message: 'Invalid option: expected one of "diag"|"full"' },
  ]);

  it('gives one sentence per field, by the form label or a readable field name', () => {
    expect(validationProblems(error, { symbol: 'Series name' })).toEqual([
      'Series name is required.',
      'Covariance type must be one of diag, full.',
    ]);
  });

  it('is empty for any error that is not a validation failure', () => {
    expect(validationProblems(new ApiError(400, 'CSV_FORMAT', 'The file is empty.'))).toEqual([]);
    expect(validationProblems(new Error('offline'))).toEqual([]);
  });
});
