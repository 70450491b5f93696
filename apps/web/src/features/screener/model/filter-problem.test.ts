import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/api-error';
import { errorSpan, filterProblemOf } from './filter-problem';

const refused = (code: string, details: unknown) => new ApiError(400, code, 'refused', details);

describe('filterProblemOf', () => {
  it('reads the position and what was expected from a 400 INVALID_SCREEN_FILTER', () => {
    const text = 'ret3m > 0.1 and retx > 0';
    const problem = filterProblemOf(refused('INVALID_SCREEN_FILTER', { position: 16, expected: 'a field name', text }));
    expect(problem).toEqual({
      target: 'filter',
      position: 16,
      expected: 'a field name',
      message: 'Column 17: expected a field name.',
    });
  });

  it('adds what was found there when the server says', () => {
    const problem = filterProblemOf(
      refused('INVALID_SCREEN_FILTER', { position: 16, expected: 'a field name', found: '"retx"', text: 'x' }),
    );
    expect(problem?.message).toBe('Column 17: expected a field name, found "retx".');
  });

  it('tells a sort problem from a filter problem', () => {
    expect(
      filterProblemOf(refused('INVALID_SCREEN_SORT', { position: 1, expected: 'a field', text: '-x' }))?.target,
    ).toBe('sort');
  });

  it('ignores errors that carry no position', () => {
    expect(filterProblemOf(refused('UNKNOWN_SCREEN_FIELD', { unknown: ['x'] }))).toBeNull();
    expect(filterProblemOf(new ApiError(404, 'NO_SNAPSHOT', 'none'))).toBeNull();
    expect(filterProblemOf(new Error('boom'))).toBeNull();
  });
});

describe('errorSpan', () => {
  it('covers the word at the position', () => {
    const text = 'ret3m > 0.1 and retx > 0';
    expect(errorSpan(text, 16)).toEqual({ start: 16, end: 20 });
    expect(errorSpan(text, 8), 'a number is one word').toEqual({ start: 8, end: 11 });
  });

  it('covers one character for punctuation and nothing past the end', () => {
    expect(errorSpan('a > > 1', 4)).toEqual({ start: 4, end: 5 });
    expect(errorSpan('ret3m >', 7)).toEqual({ start: 7, end: 7 });
    expect(errorSpan('ret3m', 99), 'a position past the end clamps').toEqual({ start: 5, end: 5 });
  });
});
