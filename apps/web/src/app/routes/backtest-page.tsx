import type { Backtest, BacktestResultDto, Timeframe } from '@marketlens/contracts';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useBars, useInstruments } from '../../features/instruments/api/instruments.api';
import { SyntheticBadge } from '../../features/instruments/components/synthetic-badge';
import { useBacktest } from '../../features/signals/api/backtests.api';
import { useStrategyVersion } from '../../features/signals/api/strategies.api';
import { BacktestProgress } from '../../features/signals/components/backtest-progress';
import { BacktestSummary } from '../../features/signals/components/backtest-summary';
import { EquityChart } from '../../features/signals/components/equity-chart';
import { RegimeBreakdown } from '../../features/signals/components/regime-breakdown';
import { TradeChart } from '../../features/signals/components/trade-chart';
import { TradeTable } from '../../features/signals/components/trade-table';
import { backtestBarRange, strategyBars } from '../../features/signals/model/chart-bars';
import { formatDateTime } from '../../shared/format/format';
import { PageHeader, Panel } from '../../shared/ui/panel';
import { ErrorNotice, Loading } from '../../shared/ui/states';

/** The bars API's most per request; a longer backtest shows its latest bars. */
const MAX_CHART_BARS = 100_000;
const INTRADAY: ReadonlySet<Timeframe> = new Set(['1m', '5m', '15m', '30m', '1h', '4h']);

/** /signals/backtests/:id: progress while the job runs, then the whole report. */
export default function BacktestPage() {
  const { id } = useParams();
  const backtest = useBacktest(id ?? null);
  const b = backtest.data;
  const version = useStrategyVersion(b?.strategyId ?? null, b?.version ?? null);
  const name = version.data?.name ?? 'strategy';

  return (
    <>
      <Link
        to={b ? `/signals/strategies/${b.strategyId}` : '/signals'}
        className="mb-2 inline-block text-xs text-sky-700 hover:underline"
      >
        ← {b ? name : 'Signals'}
      </Link>
      <PageHeader
        title="Backtest"
        description={
          b
            ? `${name} v${b.version} on ${b.symbol} (${b.timeframe} bars), started ${formatDateTime(b.createdAt)}.`
            : undefined
        }
      />
      {backtest.isError ? (
        <ErrorNotice
          error={backtest.error}
          title="Could not load the backtest"
          onRetry={() => void backtest.refetch()}
        />
      ) : !b ? (
        <Loading label="Loading the backtest…" />
      ) : b.status === 'failed' ? (
        <ErrorNotice
          error={new Error(b.error ?? 'The backtest failed.')}
          title="The backtest failed"
          testId="backtest-failed"
        />
      ) : b.status !== 'succeeded' || !b.result ? (
        <Panel title="Progress">
          <BacktestProgress backtest={b} />
        </Panel>
      ) : (
        <BacktestReport
          backtest={b}
          result={b.result}
          name={name}
          strategyTimeframe={version.data?.definition.timeframe ?? null}
        />
      )}
    </>
  );
}

function BacktestReport(props: {
  backtest: Backtest;
  result: BacktestResultDto;
  name: string;
  strategyTimeframe: Timeframe | null;
}) {
  const { backtest, result, name, strategyTimeframe } = props;
  const instruments = useInstruments();
  const synthetic = instruments.data?.instruments.find((i) => i.symbol === backtest.symbol)?.synthetic ?? false;
  const range = strategyTimeframe ? backtestBarRange(result.firstBarTime, result.lastBarTime, strategyTimeframe) : null;
  const bars = useBars(
    range ? { symbol: backtest.symbol, timeframe: backtest.timeframe, ...range, limit: MAX_CHART_BARS } : null,
  );
  const chartBars = useMemo(
    () => (bars.data && strategyTimeframe ? strategyBars(bars.data.bars, backtest.timeframe, strategyTimeframe) : null),
    [bars.data, backtest.timeframe, strategyTimeframe],
  );
  const title = (text: string) => (
    <span className="flex items-center gap-2">
      {text}
      <span className="font-mono font-normal text-slate-500">{backtest.symbol}</span>
      {synthetic ? <SyntheticBadge /> : null}
    </span>
  );

  return (
    <div className="flex flex-col gap-5" data-testid="backtest-report">
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <Panel title="Results" className="self-start">
          <BacktestSummary result={result} synthetic={synthetic} />
        </Panel>
        <div className="flex flex-col gap-5 self-start">
          <Panel title="Equity vs buy-and-hold">
            <EquityChart result={result} />
          </Panel>
          <Panel title="Trades by regime at entry">
            <RegimeBreakdown regimes={result.regimes} />
          </Panel>
        </div>
      </div>
      <Panel title={title('Price with entries and exits')}>
        {bars.isError ? (
          <ErrorNotice error={bars.error} title="Could not load the bars" onRetry={() => void bars.refetch()} />
        ) : !chartBars ? (
          <Loading label="Loading the bars…" />
        ) : (
          <TradeChart
            bars={chartBars}
            trades={result.trades}
            synthetic={synthetic}
            intraday={strategyTimeframe !== null && INTRADAY.has(strategyTimeframe)}
          />
        )}
        <p className="mt-2 text-xs text-slate-500">
          Arrows mark fills: up below the bar for a long entry, down above it for its exit (short trades the other way).
        </p>
      </Panel>
      <Panel title={`Trades (${result.trades.length})`}>
        <TradeTable
          trades={result.trades}
          timeframe={strategyTimeframe ?? backtest.timeframe}
          filename={`${backtest.symbol}-${name}-v${backtest.version}-trades-${backtest.id.slice(0, 8)}.csv`}
        />
      </Panel>
    </div>
  );
}
