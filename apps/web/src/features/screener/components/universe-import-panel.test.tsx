import type { UniverseImportResult, UniverseSummary } from '@marketlens/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/api/api-error';
import { UNIVERSES_QUERY_KEY } from '../api/screener.api';
import { UniverseImportPanel } from './universe-import-panel';

const mock = vi.hoisted(() => ({ send: vi.fn<() => Promise<unknown>>(), url: vi.fn((path: string) => path) }));
vi.mock('../../../shared/api/api', () => ({ api: { send: mock.send, url: mock.url } }));

const universe: UniverseSummary = {
  id: '7d7e1c2a-3b4c-4d5e-8f90-a1b2c3d4e5f6',
  name: 'Small caps',
  source: 'companylist.csv',
  rules: { minMarketCap: 5e7, maxMarketCap: 2e9, minPrice: 1, excludeEtfs: true },
  benchmark: null,
  synthetic: false,
  listed: 4,
  members: 3,
  rejected: 1,
  latestSnapshot: null,
  createdAt: '2025-01-10T12:00:00.000Z',
  updatedAt: '2025-01-10T12:00:00.000Z',
};
const result: UniverseImportResult = {
  universe,
  layout: 'nasdaq-companylist',
  rows: 5,
  problems: [{ line: 4, reason: 'no symbol' }],
};

let client: QueryClient;
const universesInvalidated = () => client.getQueryState(UNIVERSES_QUERY_KEY)?.isInvalidated;

function renderPanel() {
  client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  // The picker's list as it was before the import: an import that fails must leave it as it is.
  client.setQueryData(UNIVERSES_QUERY_KEY, { universes: [] });
  const props = { onClose: vi.fn(), onPick: vi.fn() };
  render(
    <QueryClientProvider client={client}>
      <UniverseImportPanel {...props} />
    </QueryClientProvider>,
  );
  return props;
}

const chooseFile = () => {
  const file = new File(['Symbol,Name,LastSale,MarketCap\n'], 'companylist.csv', { type: 'text/csv' });
  fireEvent.change(screen.getByTestId('universe-import-file'), { target: { files: [file] } });
};
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const submit = () => fireEvent.click(screen.getByTestId('universe-import-submit'));

beforeEach(() => {
  mock.send.mockReset();
  mock.url.mockClear();
});
afterEach(cleanup);

describe('UniverseImportPanel', () => {
  it('sends the name and rules in the query and shows what was included and left out', async () => {
    mock.send.mockResolvedValueOnce(result);
    const props = renderPanel();
    chooseFile();
    type('universe-import-name', 'Small caps');
    type('universe-import-minMarketCap', '50M');
    submit();

    await screen.findByTestId('universe-import-summary');
    expect(mock.url).toHaveBeenCalledWith('/screener/universes', {
      name: 'Small caps',
      minMarketCap: 5e7,
      excludeEtfs: 'true',
    });
    expect(screen.getByTestId('universe-import-rows').textContent).toBe('5');
    expect(screen.getByTestId('universe-import-included').textContent).toBe('3');
    expect(screen.getByTestId('universe-import-rejected').textContent, 'rows the rules left out').toBe('1');
    expect(screen.getByTestId('universe-import-skipped').textContent, 'rows read but not listed').toBe('1');
    expect(screen.getByTestId('universe-import-problems').textContent).toContain('no symbol');
    expect(universesInvalidated(), 'the picker reads the universes again').toBe(true);

    fireEvent.click(screen.getByTestId('universe-import-pick'));
    expect(props.onPick).toHaveBeenCalledWith(universe.id);
  });

  it('shows the server’s refusal with the line it names, and changes nothing else', async () => {
    mock.send.mockRejectedValueOnce(
      new ApiError(400, 'LISTING_FORMAT', 'prices.csv: no Symbol column in the header (Date, Close)', {
        line: 1,
        reason: 'no Symbol column in the header (Date, Close)',
      }),
    );
    const props = renderPanel();
    chooseFile();
    type('universe-import-name', 'Prices');
    submit();

    const error = await screen.findByTestId('universe-import-error');
    expect(error.textContent).toContain('Line 1: no Symbol column in the header (Date, Close)');
    expect(screen.queryByTestId('universe-import-summary')).toBeNull();
    expect(universesInvalidated(), 'the picker keeps its list').toBe(false);
    expect(props.onPick).not.toHaveBeenCalled();
    expect((screen.getByTestId('universe-import-name') as HTMLInputElement).value, 'the form keeps its values').toBe(
      'Prices',
    );

    mock.send.mockReturnValueOnce(new Promise(() => undefined));
    submit();
    await waitFor(() => expect(screen.queryByTestId('universe-import-error'), 'a new attempt clears it').toBeNull());
    expect(screen.getByTestId('universe-import-submit').textContent).toBe('Importing…');
  });

  it('asks for a file and readable amounts before sending anything', () => {
    renderPanel();
    submit();
    expect(screen.getByTestId('universe-import-invalid').textContent).toBe('Choose a listing file (CSV) to import.');

    chooseFile();
    type('universe-import-maxMarketCap', '100M');
    submit();
    expect(screen.getByTestId('universe-import-invalid').textContent, 'the default minimum is 300M').toBe(
      'Min market cap must not exceed max market cap.',
    );
    expect(screen.getByTestId('universe-import-maxMarketCap').getAttribute('aria-invalid')).toBe('true');
    expect(mock.send).not.toHaveBeenCalled();
  });

  it('shows the defaults a blank rule leaves to the server', () => {
    renderPanel();
    expect(screen.getByTestId('universe-import-minMarketCap').getAttribute('placeholder')).toBe('$300M');
    expect(screen.getByTestId('universe-import-maxMarketCap').getAttribute('placeholder')).toBe('$2B');
    expect(screen.getByTestId('universe-import-minPrice').getAttribute('placeholder')).toBe('$1');
    expect((screen.getByTestId('universe-import-excludeEtfs') as HTMLInputElement).checked).toBe(true);
  });
});
