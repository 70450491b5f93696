import type { BacktestResultDto } from '@marketlens/contracts';
import { formatShare, formatSignedShare } from '../../../shared/format/metric-format';
import { NumTd, Table, Td, Th } from '../../../shared/ui/table';
import { EmptyState } from '../../../shared/ui/states';

/** Trades grouped by the regime at their entry signal (filtered probabilities, never smoothed ones). */
export function RegimeBreakdown({ regimes }: { regimes: BacktestResultDto['regimes'] }) {
  if (regimes.length === 0) {
    return (
      <EmptyState title="No regime breakdown">
        This series has no tracked regime fit (and the strategy no regime filter naming one): fit one with tracking on
        the Regimes page to see the trades by regime at entry.
      </EmptyState>
    );
  }
  return (
    <Table data-testid="regime-breakdown" aria-label="Trades by regime at entry">
      <thead>
        <tr>
          <Th>Regime at entry</Th>
          <Th className="text-right">Trades</Th>
          <Th className="text-right">Win rate</Th>
          <Th className="text-right">Total return</Th>
          <Th className="text-right">Average</Th>
        </tr>
      </thead>
      <tbody>
        {regimes.map((r) => (
          <tr key={r.regime}>
            <Td>{r.regime}</Td>
            <NumTd>{r.trades}</NumTd>
            <NumTd>{formatShare(r.winRate)}</NumTd>
            <NumTd>{formatSignedShare(r.totalReturn)}</NumTd>
            <NumTd>{formatSignedShare(r.avgReturn)}</NumTd>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
