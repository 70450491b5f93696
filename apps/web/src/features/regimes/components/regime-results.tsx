import type { RegimeFit, RegimeFitSummary } from '@marketlens/contracts';
import { useMemo } from 'react';
import { formatInteger } from '../../../shared/format/format';
import { Badge } from '../../../shared/ui/badge';
import { Panel } from '../../../shared/ui/panel';
import { ErrorNotice, Loading, Spinner } from '../../../shared/ui/states';
import { useCurrentRegime, useRegimeSeries } from '../api/regimes.api';
import { regimeColors } from '../model/regime-colors';
import { CurrentRegimeBars, type CurrentRegimeView } from './current-regime-bars';
import { RegimeBicChart } from './regime-bic-chart';
import { RegimeExports } from './regime-exports';
import { RegimeLegend } from './regime-legend';
import { RegimeChart } from './regime-chart';
import { RegimeStatsTable } from './regime-stats-table';
import { TransitionHeatmap } from './transition-heatmap';

/** Enough points for a crisp chart of ten years of daily bars without shipping every intraday row. */
const CHART_POINTS = 3000;

function useCurrentView(fit: RegimeFit, result: RegimeFitSummary): CurrentRegimeView {
  // The live endpoint belongs to the symbol's tracked fit; use it only when that is the fit on screen.
  const live = useCurrentRegime(fit.source === 'bars' ? fit.symbol : null);
  if (live.data && live.data.fitId === fit.id) return { ts: live.data.ts, states: live.data.states, live: true };
  const states = result.states.map((s) => ({ index: s.index, name: s.name, prob: result.current.probs[s.index] ?? 0 }));
  return { ts: result.current.ts, states, live: false };
}

function SummaryLine({ result }: { result: RegimeFitSummary }) {
  const items: [string, string][] = [
    ['observations', formatInteger(result.nObservations)],
    ['log-likelihood', result.logLikelihood.toFixed(1)],
    ['BIC', result.bic.toFixed(1)],
    ['iterations', `${result.nIter}${result.converged ? '' : ' (not converged)'}`],
    ['fit', `${result.fitSeconds.toFixed(2)} s`],
  ];
  return (
    <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-500">
      {items.map(([label, value]) => (
        <div key={label} className="flex gap-1">
          <dt>{label}</dt>
          <dd className="font-mono text-slate-800 tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function RegimeResults({ fit, result }: { fit: RegimeFit; result: RegimeFitSummary }) {
  const series = useRegimeSeries(fit.id, CHART_POINTS);
  const colors = useMemo(() => regimeColors(result.states), [result.states]);
  const current = useCurrentView(fit, result);

  const title = (
    <span className="flex min-w-0 items-center gap-2">
      <span className="font-mono whitespace-nowrap">{fit.symbol}</span>
      <span className="font-normal text-slate-500">
        {result.nStates} regimes · {fit.timeframe} · {fit.options.features.join(' + ')}
      </span>
      {fit.synthetic ? (
        <Badge tone="warning" title="Generated demo data, not real market prices">
          SYNTHETIC
        </Badge>
      ) : null}
    </span>
  );

  return (
    <div className="flex flex-col gap-5">
      <Panel
        title={title}
        actions={
          <>
            {series.isFetching ? <Spinner className="size-3" /> : null}
            <RegimeExports fit={fit} result={result} />
          </>
        }
      >
        <div className="flex flex-col gap-3">
          <SummaryLine result={result} />
          <RegimeLegend states={result.states} colors={colors} />
          {series.isError ? (
            <ErrorNotice
              error={series.error}
              title="Could not load the regime series"
              onRetry={() => void series.refetch()}
            />
          ) : !series.data ? (
            <Loading label="Loading the regime series…" />
          ) : (
            <>
              <RegimeChart series={series.data} states={result.states} colors={colors} synthetic={fit.synthetic} />
              {series.data.totalRows > series.data.dates.length ? (
                <p className="text-xs text-slate-400">
                  Charts show {formatInteger(series.data.dates.length)} of {formatInteger(series.data.totalRows)} rows
                  (every n-th); the CSV export has them all.
                </p>
              ) : null}
            </>
          )}
        </div>
      </Panel>
      <Panel title="Statistics">
        <RegimeStatsTable states={result.states} colors={colors} />
      </Panel>
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
        <Panel title="Transition matrix" className="self-start">
          <TransitionHeatmap transmat={result.transmat} states={result.states} colors={colors} />
        </Panel>
        <div className="flex flex-col gap-5">
          <Panel title="Current regime">
            <CurrentRegimeBars current={current} colors={colors} />
          </Panel>
          {result.bicByK ? (
            <Panel title="Model selection (BIC by K)">
              <RegimeBicChart bicByK={result.bicByK} chosen={result.nStates} />
            </Panel>
          ) : null}
        </div>
      </div>
    </div>
  );
}
