import type { RegimeState } from '@marketlens/contracts';
import { NumTd, Table, Td, Th } from '../../../shared/ui/table';
import { formatBars, formatPercent, formatSignedPercent } from '../model/regime-format';

/** Each regime's statistics; means and volatilities annualised by the server from the bar timeframe. */
export function RegimeStatsTable({ states, colors }: { states: readonly RegimeState[]; colors: readonly string[] }) {
  return (
    <Table data-testid="regime-stats" aria-label="Regime statistics">
      <thead>
        <tr>
          <Th>Regime</Th>
          <Th className="text-right" title="Mean log return, annualised">
            Mean (ann.)
          </Th>
          <Th className="text-right" title="Volatility of log returns, annualised">
            Vol (ann.)
          </Th>
          <Th className="text-right" title="1 / (1 − A[k,k]), in bars">
            Exp. duration
          </Th>
          <Th className="text-right" title="Average run length along the Viterbi path, in bars">
            Avg run
          </Th>
          <Th className="text-right" title="Share of bars in the regime along the Viterbi path">
            Share
          </Th>
          <Th className="text-right" title="Stationary distribution of the transition matrix">
            Stationary
          </Th>
        </tr>
      </thead>
      <tbody>
        {states.map((state) => (
          <tr key={state.index} data-testid={`regime-stat-row-${state.index}`}>
            <Td className="whitespace-nowrap">
              <span
                aria-hidden
                className="mr-2 inline-block size-3 rounded-sm align-middle"
                style={{ backgroundColor: colors[state.index] }}
              />
              <span className="font-mono text-xs text-slate-400">{state.index}</span>{' '}
              <span data-testid="regime-stat-name" className="font-medium text-slate-800">
                {state.name}
              </span>
            </Td>
            <NumTd
              className={
                state.meanReturnAnnualised !== null && state.meanReturnAnnualised < 0 ? 'text-rose-700' : undefined
              }
            >
              {formatSignedPercent(state.meanReturnAnnualised)}
            </NumTd>
            <NumTd>{formatPercent(state.volatilityAnnualised)}</NumTd>
            <NumTd>{formatBars(state.expectedDuration)}</NumTd>
            <NumTd>{formatBars(state.averageRunLength)}</NumTd>
            <NumTd>{formatPercent(state.share)}</NumTd>
            <NumTd>{formatPercent(state.stationary)}</NumTd>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
