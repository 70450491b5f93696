import type { JobRun } from '@marketlens/contracts';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithQuery } from '../testing/render-with-query';
import { JobRunsTable } from './job-runs-table';

const mock = vi.hoisted(() => ({ request: vi.fn() }));
vi.mock('../../../shared/api/api', () => ({ api: { request: mock.request } }));

const run = (id: string, status: JobRun['status'], error: string | null = null): JobRun => ({
  id,
  name: 'ingest.prices',
  status,
  attempt: 1,
  error,
  queuedAt: '2026-12-04T10:00:00.000Z',
  startedAt: null,
  finishedAt: null,
});

let runs: JobRun[];
beforeEach(() => {
  runs = [run('b', 'failed', 'yahoo: No data found, symbol may be delisted'), run('a', 'succeeded')];
  mock.request.mockReset().mockImplementation(async (path: string, _schema, options?: { method?: string }) => {
    if (options?.method === 'POST') {
      runs.unshift(run('c', 'queued'));
      return { id: 'c', retryOf: 'b' };
    }
    if (path === '/jobs/runs') return { runs: [...runs] };
    throw new Error(`unexpected ${path}`);
  });
});
afterEach(cleanup);

describe('JobRunsTable', () => {
  it('shows a failed run with its error in words and a retry button only on it', async () => {
    renderWithQuery(<JobRunsTable />);
    const [failed, succeeded] = await screen.findAllByTestId('ops-run-row');
    expect(within(failed!).getByTestId('ops-run-error').textContent).toBe(
      'yahoo: No data found, symbol may be delisted',
    );
    expect(within(succeeded!).queryByRole('button'), 'nothing to retry on a success').toBeNull();
  });

  it('retries a failed run and shows the new run', async () => {
    renderWithQuery(<JobRunsTable />);
    const [failed] = await screen.findAllByTestId('ops-run-row');
    fireEvent.click(within(failed!).getByTestId('ops-run-retry'));
    await waitFor(() =>
      expect(mock.request).toHaveBeenCalledWith('/jobs/runs/b/retry', expect.anything(), { method: 'POST' }),
    );
    await waitFor(() => expect(screen.getAllByTestId('ops-run-row')[0]!.dataset.status).toBe('queued'));
  });

  it('asks the server for one status when filtered', async () => {
    renderWithQuery(<JobRunsTable />);
    await screen.findAllByTestId('ops-run-row');
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'failed' } });
    await waitFor(() =>
      expect(mock.request).toHaveBeenLastCalledWith('/jobs/runs', expect.anything(), {
        query: { status: 'failed', limit: 50 },
      }),
    );
  });
});
