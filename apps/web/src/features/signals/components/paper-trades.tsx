import { formatBarTime } from '../../../shared/format/format';
import { formatSignedShare } from '../../../shared/format/metric-format';
import { NumTd, Table, Td, Th } from '../../../shared/ui/table';
import { ErrorNotice, Loading } from '../../../shared/ui/states';
import { useDeploymentTrades } from '../api/live.api';

const price = (value: number) => Number(value.toPrecision(8)).toString();

/** A deployment's closed paper trades, newest first. */
export function PaperTrades({ deploymentId, timeframe }: { deploymentId: string; timeframe: string }) {
  const trades = useDeploymentTrades(deploymentId);
  if (trades.isPending) return <Loading label="Loading paper trades…" />;
  if (trades.isError) return <ErrorNotice error={trades.error} onRetry={() => void trades.refetch()} />;
  if (trades.data.trades.length === 0) {
    return <p className="text-xs text-slate-500">No closed paper trades yet.</p>;
  }
  return (
    <Table
      data-testid="paper-trades"
      aria-label="Paper trades"
      className="text-xs"
      containerClassName="max-h-64 overflow-y-auto"
    >
      <thead>
        <tr>
          <Th className="sticky top-0">Side</Th>
          <Th className="sticky top-0">Entry</Th>
          <Th className="sticky top-0">Exit</Th>
          <Th className="sticky top-0 text-right">Return</Th>
        </tr>
      </thead>
      <tbody>
        {trades.data.trades.map((t) => (
          <tr key={`${t.entryTs}-${t.exitTs}`}>
            <Td>{t.side}</Td>
            <Td className="whitespace-nowrap">
              {formatBarTime(t.entryTs, timeframe)} at {price(t.entryPrice)}
            </Td>
            <Td className="whitespace-nowrap">
              {formatBarTime(t.exitTs, timeframe)} at {price(t.exitPrice)}
              <span className="text-slate-400"> ({t.exitReason})</span>
            </Td>
            <NumTd className={t.returnPct < 0 ? 'text-rose-700' : undefined}>{formatSignedShare(t.returnPct)}</NumTd>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
