import type { ImportSummary } from '@marketlens/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/api/api-error';
import { UploadPanel } from './upload-panel';

const send = vi.hoisted(() => vi.fn<() => Promise<unknown>>());
vi.mock('../../../shared/api/api', () => ({ api: { url: (path: string) => path, send } }));

const summary: ImportSummary = {
  symbol: 'ACME',
  timeframe: '1d',
  rows: 120,
  inserted: 120,
  updated: 0,
  unchanged: 0,
  rejected: [],
  rejectedTotal: 0,
  layout: 'yahoo',
};

beforeEach(() => send.mockReset());
afterEach(cleanup);

function renderPanel() {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <UploadPanel />
    </QueryClientProvider>,
  );
}

function fill(symbol: string, timezone = 'UTC') {
  const file = new File(['Date,Close\n2024-01-02,10\n'], 'acme.csv', { type: 'text/csv' });
  fireEvent.change(screen.getByTestId('upload-file'), { target: { files: [file] } });
  fireEvent.change(screen.getByTestId('upload-symbol'), { target: { value: symbol } });
  fireEvent.change(screen.getByTestId('upload-timezone'), { target: { value: timezone } });
  fireEvent.click(screen.getByTestId('upload-submit'));
}

describe('UploadPanel', () => {
  it('asks for a symbol in words, sends nothing, and clears the previous upload’s summary', async () => {
    send.mockResolvedValueOnce(summary);
    renderPanel();
    fill('ACME');
    await screen.findByTestId('upload-summary');

    fill('');
    const invalid = screen.getByTestId('upload-invalid');
    expect(invalid.textContent).toBe('Enter a symbol for the data (e.g. SPY).');
    expect(invalid.textContent, 'no raw validator wording').not.toMatch(/Too small|expected string/);
    expect(screen.getByTestId('upload-symbol').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('upload-summary'), 'the last result is gone').toBeNull();
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('says what is wrong with a symbol that is too long or a timezone it does not know', () => {
    renderPanel();
    fill('A'.repeat(33));
    expect(screen.getByTestId('upload-invalid').textContent).toBe('Symbol must be at most 32 characters long.');
    fill('ACME', 'Mars/Olympus');
    expect(screen.getByTestId('upload-invalid').textContent).toBe(
      'Timezone must be an IANA time zone such as UTC or America/New_York.',
    );
    expect(send).not.toHaveBeenCalled();
  });

  it('shows a server validation error in words, and clears it when the next upload starts', async () => {
    send.mockRejectedValueOnce(
      new ApiError(400, 'VALIDATION_FAILED', 'Invalid querystring: timeframe: Invalid option: …', [
        { location: 'querystring', path: 'timeframe', message: 'Invalid option: expected one of "1m"|"1d"' },
      ]),
    );
    renderPanel();
    fill('ACME');
    const error = await screen.findByTestId('upload-error');
    expect(error.textContent).toContain('Timeframe must be one of 1m, 1d.');
    expect(error.textContent).not.toMatch(/querystring|Invalid option/);

    send.mockReturnValueOnce(new Promise(() => undefined));
    fill('ACME');
    await waitFor(() => expect(screen.queryByTestId('upload-error'), 'the old error is gone').toBeNull());
    expect(screen.getByTestId('upload-progress')).toBeTruthy();
  });
});
