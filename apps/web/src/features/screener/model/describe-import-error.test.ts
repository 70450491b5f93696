import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/api-error';
import { describeImportError } from './describe-import-error';

// The error answers of POST /screener/universes (apps/server/src/modules/screener/universes.service.ts).
describe('describeImportError', () => {
  it('leads with the line of a file that is not a listing', () => {
    const error = new ApiError(400, 'LISTING_FORMAT', 'prices.csv: no Symbol column in the header (Date, Close)', {
      line: 1,
      reason: 'no Symbol column in the header (Date, Close)',
    });
    expect(describeImportError(error)).toBe('Line 1: no Symbol column in the header (Date, Close)');
  });

  it('names no line for an empty file (line 0 is the whole file)', () => {
    const reason = 'the file is empty: expected a header line with a Symbol column';
    const error = new ApiError(400, 'LISTING_FORMAT', `empty.csv: ${reason}`, { line: 0, reason });
    expect(describeImportError(error)).toBe(reason);
  });

  it('adds the first bad line to a listing with no readable row', () => {
    const error = new ApiError(400, 'LISTING_EMPTY', 'list.csv: no company rows could be read', {
      problems: [
        { line: 2, reason: 'no symbol' },
        { line: 3, reason: 'no symbol' },
      ],
    });
    expect(describeImportError(error)).toBe('list.csv: no company rows could be read. Line 2: no symbol');
  });

  it('names a rule the server refuses by the form’s label', () => {
    const error = new ApiError(
      400,
      'INVALID_UNIVERSE_RULES',
      'rules: maxMarketCap: Too small: expected number to be >0',
    );
    expect(describeImportError(error)).toBe('Max market cap must be more than 0.');
  });

  it('names a query field the validator refuses by the form’s label', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid querystring', [
      { location: 'querystring', path: 'minPrice', message: 'Too small: expected number to be >=0' },
    ]);
    expect(describeImportError(error)).toBe('Min price must be at least 0.');
  });

  it('says a file is too large with the server’s limit', () => {
    const error = new ApiError(413, 'PAYLOAD_TOO_LARGE', 'Upload exceeds the limit of 10 MB');
    expect(describeImportError(error)).toBe('The file is too large. Upload exceeds the limit of 10 MB.');
  });

  it('passes any other message through', () => {
    expect(describeImportError(new ApiError(403, 'FORBIDDEN', 'Your role does not allow this'))).toBe(
      'Your role does not allow this',
    );
    expect(describeImportError(new Error('boom'))).toBe('boom');
  });
});
