import type { ImportSummary } from '@marketlens/contracts';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/api-error';
import { UploadError, UploadSummary } from './upload-result';

afterEach(cleanup);

const summary = (overrides: Partial<ImportSummary> = {}): ImportSummary => ({
  symbol: 'SPY',
  timeframe: '1d',
  rows: 1250,
  inserted: 1000,
  updated: 200,
  unchanged: 47,
  rejected: [],
  rejectedTotal: 0,
  layout: 'ohlcv',
  ...overrides,
});

describe('UploadError', () => {
  it('leads a fatal CSV error with the line number and reason from details', () => {
    const error = new ApiError(400, 'CSV_FORMAT', 'The CSV cannot be read', {
      line: 1,
      reason: 'missing columns close (found: date, price2)',
    });
    render(<UploadError error={error} />);
    expect(screen.getByTestId('upload-error').textContent).toContain(
      'Line 1: missing columns close (found: date, price2)',
    );
  });

  it('says a 413 means the file is too large, keeping the server message', () => {
    const error = new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The limit is 50 MB.');
    render(<UploadError error={error} />);
    const text = screen.getByRole('alert').textContent ?? '';
    expect(text).toContain('too large');
    expect(text).toContain('The limit is 50 MB.');
  });

  it('falls back to the API message when CSV_FORMAT carries no line', () => {
    render(<UploadError error={new ApiError(400, 'CSV_FORMAT', 'The file is empty.')} />);
    expect(screen.getByTestId('upload-error').textContent).toContain('The file is empty.');
  });
});

describe('UploadSummary', () => {
  it('shows the counts and no rejected table when every line was accepted', () => {
    render(<UploadSummary summary={summary()} />);
    const box = screen.getByTestId('upload-summary');
    for (const [label, value] of [
      ['Rows', '1,250'],
      ['Inserted', '1,000'],
      ['Updated', '200'],
      ['Unchanged', '47'],
    ] as const) {
      const term = within(box).getByText(label);
      expect(term.nextElementSibling?.textContent, `${label} count`).toBe(value);
    }
    expect(screen.queryByTestId('upload-rejected')).toBeNull();
  });

  it('lists rejected lines with line and reason, and says when more were rejected than listed', () => {
    render(
      <UploadSummary
        summary={summary({
          rejected: [
            { line: 7, reason: 'high is below low' },
            { line: 12, reason: 'close is not a number: "n/a"' },
          ],
          rejectedTotal: 5,
        })}
      />,
    );
    const table = screen.getByTestId('upload-rejected');
    const rows = within(table).getAllByRole('row').slice(1) as HTMLTableRowElement[];
    expect(rows.map((r) => Array.from(r.cells, (c) => c.textContent))).toEqual([
      ['7', 'high is below low'],
      ['12', 'close is not a number: "n/a"'],
    ]);
    expect(screen.getByText(/5 lines rejected \(first 2 shown\)/)).toBeTruthy();
  });
});
