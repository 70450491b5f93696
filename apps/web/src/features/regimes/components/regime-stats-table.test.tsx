import type { RegimeState } from '@marketlens/contracts';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RegimeStatsTable } from './regime-stats-table';

afterEach(cleanup);

const state = (overrides: Partial<RegimeState>): RegimeState => ({
  index: 0,
  name: 'bull / low vol',
  meanReturn: 0.0005,
  meanReturnAnnualised: 0.126,
  volatility: 0.009,
  volatilityAnnualised: 0.14287,
  expectedDuration: 99.99,
  averageRunLength: 87.25,
  share: 0.7812,
  stationary: 0.8,
  featureMeans: [0.0005, 0.009],
  ...overrides,
});

const cells = (index: number) =>
  Array.from((screen.getByTestId(`regime-stat-row-${index}`) as HTMLTableRowElement).cells, (c) => c.textContent);

describe('RegimeStatsTable', () => {
  it('shows one row per state with annualised mean and volatility as percentages and durations in bars', () => {
    render(
      <RegimeStatsTable
        states={[
          state({}),
          state({
            index: 1,
            name: 'bear / high vol',
            meanReturnAnnualised: -0.252,
            volatilityAnnualised: 0.381,
            expectedDuration: 25,
            averageRunLength: 21.6,
            share: 0.2188,
            stationary: 0.2,
          }),
        ]}
        colors={['#10b981', '#e11d48']}
      />,
    );
    expect(cells(0)).toEqual(['0 bull / low vol', '+12.6%', '14.3%', '100.0', '87.3', '78.1%', '80.0%']);
    expect(cells(1)).toEqual(['1 bear / high vol', '-25.2%', '38.1%', '25.0', '21.6', '21.9%', '20.0%']);
  });

  it('marks a negative annualised mean in red and a missing one with a dash', () => {
    render(
      <RegimeStatsTable
        states={[
          state({ meanReturnAnnualised: null, volatilityAnnualised: null }),
          state({ index: 1, meanReturnAnnualised: -0.1 }),
        ]}
        colors={['#10b981', '#e11d48']}
      />,
    );
    expect(cells(0).slice(1, 3)).toEqual(['—', '—']);
    const negative = screen.getByTestId('regime-stat-row-1').querySelectorAll('td')[1];
    expect(negative?.className).toContain('text-rose-700');
  });

  it('shows an absorbing state (A_kk = 1) as an infinite expected duration', () => {
    render(<RegimeStatsTable states={[state({ expectedDuration: Infinity })]} colors={['#10b981']} />);
    expect(cells(0)[3]).toBe('∞');
  });
});
