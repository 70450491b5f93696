import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RegimeRunRequest } from '../model/regime-options';
import { RegimeOptionsForm } from './regime-options-form';

afterEach(cleanup);

const instruments = [
  {
    symbol: 'SYN-EQ',
    name: 'Synthetic Equity',
    synthetic: true,
    timeframes: [{ timeframe: '1d' as const, bars: 2520, first: '2015-01-01T00:00:00Z', last: '2024-12-31T00:00:00Z' }],
  },
];

function renderForm() {
  const runs: RegimeRunRequest[] = [];
  render(
    <RegimeOptionsForm
      instruments={instruments}
      symbol="SYN-EQ"
      onSymbolChange={() => undefined}
      onRun={(run) => runs.push(run)}
      running={false}
    />,
  );
  return runs;
}

describe('RegimeOptionsForm', () => {
  it('shows the defaults: the instrument, logret + vol20 selected, 3 states, diag, 5 restarts, seed 0', () => {
    renderForm();
    expect((screen.getByTestId('regimes-symbol') as HTMLSelectElement).value).toBe('SYN-EQ');
    expect(screen.getByTestId('regimes-symbol').textContent).toContain('SYN-EQ (synthetic)');
    const pressed = screen
      .getAllByRole('button', { pressed: true })
      .map((b) => b.textContent)
      .filter((t) => t !== 'Instrument');
    expect(pressed).toEqual(['logret', 'vol20']);
    expect((screen.getByTestId('regimes-states') as HTMLSelectElement).value).toBe('3');
    expect((screen.getByLabelText('Covariance') as HTMLSelectElement).value).toBe('diag');
    expect((screen.getByTestId('regimes-restarts') as HTMLInputElement).value).toBe('5');
    expect((screen.getByTestId('regimes-seed') as HTMLInputElement).value).toBe('0');
  });

  it('runs with the chosen number of states', () => {
    const runs = renderForm();
    fireEvent.change(screen.getByTestId('regimes-states'), { target: { value: '5' } });
    fireEvent.click(screen.getByTestId('regimes-run'));
    fireEvent.change(screen.getByTestId('regimes-states'), { target: { value: 'auto' } });
    fireEvent.click(screen.getByTestId('regimes-run'));
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatchObject({ kind: 'bars', request: { symbol: 'SYN-EQ', states: 5, timeframe: '1d' } });
    expect(runs[1]).toMatchObject({ kind: 'bars', request: { states: 'auto' } });
  });

  it('shows what to fix and does not run when the options are invalid', () => {
    const runs = renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'logret' }));
    fireEvent.click(screen.getByRole('button', { name: 'vol20' }));
    fireEvent.change(screen.getByTestId('regimes-restarts'), { target: { value: '99' } });
    fireEvent.click(screen.getByTestId('regimes-run'));
    expect(runs).toHaveLength(0);
    expect(screen.getByText('Choose at least one feature.')).toBeTruthy();
    expect(screen.getByText('Restarts must be a whole number from 1 to 50.')).toBeTruthy();
  });
});
