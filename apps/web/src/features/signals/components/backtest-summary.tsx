import type { BacktestResultDto } from '@marketlens/contracts';
import { cx } from '../../../shared/ui/cx';
import { describeBacktest, metricRows } from '../model/backtest-report';
import { NumTd, Table, Td, Th } from '../../../shared/ui/table';

/** The verdict in words, then every metric; buy-and-hold's figure stands beside the strategy's. */
export function BacktestSummary({ result, synthetic }: { result: BacktestResultDto; synthetic: boolean }) {
  const verdict = describeBacktest(result, { synthetic });
  return (
    <div className="flex flex-col gap-3">
      <div
        className={cx(
          'rounded-md px-3 py-2 text-sm',
          verdict.tone === 'caution'
            ? 'bg-amber-50 text-amber-900 ring-1 ring-amber-200'
            : 'bg-slate-50 text-slate-800',
        )}
      >
        <p data-testid="backtest-verdict" className="font-medium">
          {verdict.headline}
        </p>
        <ul className="mt-1 list-disc pl-5 text-xs text-slate-600">
          {verdict.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      </div>
      <BacktestMetricsTable metrics={result.metrics} />
      <p className="text-xs text-slate-500">
        Engine {result.engineSeconds.toFixed(2)} s over {result.bars} bars; look-ahead check{' '}
        {result.lookAheadSeconds.toFixed(2)} s. {result.signals} signals became {result.trades.length} trades.
      </p>
    </div>
  );
}

function BacktestMetricsTable({ metrics }: { metrics: BacktestResultDto['metrics'] }) {
  return (
    <Table data-testid="backtest-metrics" aria-label="Backtest metrics">
      <thead>
        <tr>
          <Th>Metric</Th>
          <Th className="text-right">Strategy</Th>
          <Th className="text-right">Buy &amp; hold</Th>
        </tr>
      </thead>
      <tbody>
        {metricRows(metrics).map((row) => (
          <tr key={row.key} data-testid={`backtest-metric-${row.key}`}>
            <Td className="text-slate-700">
              {row.label}
              {row.note ? <span className="block text-[11px] text-slate-400">{row.note}</span> : null}
            </Td>
            <NumTd className="text-slate-900">{row.strategy}</NumTd>
            <NumTd className="text-slate-500">{row.buyAndHold ?? ''}</NumTd>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
