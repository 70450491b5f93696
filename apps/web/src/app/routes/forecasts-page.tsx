import type { Instrument } from '@marketlens/contracts';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { usePredictions, useForecast, useServingRun } from '../../features/forecasts/api/forecasts.api';
import { ForecastAccuracyChart } from '../../features/forecasts/components/forecast-accuracy-chart';
import { ForecastChart } from '../../features/forecasts/components/forecast-chart';
import { ForecastCurrent } from '../../features/forecasts/components/forecast-current';
import { ForecastError } from '../../features/forecasts/components/forecast-error';
import { ForecastMetricsTable } from '../../features/forecasts/components/forecast-metrics-table';
import { ForecastTrainForm } from '../../features/forecasts/components/forecast-train-form';
import { ForecastTrainProgress } from '../../features/forecasts/components/forecast-train-progress';
import { useForecastTraining } from '../../features/forecasts/hooks/use-forecast-training';
import { buildAccuracySeries } from '../../features/forecasts/model/accuracy-series';
import { buildForecastFan, historyUpTo } from '../../features/forecasts/model/forecast-fan';
import { splitRunMetrics } from '../../features/forecasts/model/forecast-metrics';
import { useBars, useInstruments } from '../../features/instruments/api/instruments.api';
import { SyntheticBadge } from '../../features/instruments/components/synthetic-badge';
import { hasRole, useSession } from '../../shared/api/use-session';
import { Field, Select, TextInput } from '../../shared/ui/field';
import { PageHeader, Panel } from '../../shared/ui/panel';
import { EmptyState, ErrorNotice, Loading } from '../../shared/ui/states';

/** Enough history to read the trend, few enough that a 1-bar fan is visible after it. */
const CHART_BARS = 120;

function preferredTimeframe(instrument: Instrument | null) {
  const timeframes = instrument?.timeframes.map((t) => t.timeframe) ?? [];
  return timeframes.includes('1d') ? '1d' : (timeframes[0] ?? '1d');
}

export default function ForecastsPage() {
  const { user } = useSession();
  const canTrain = hasRole(user?.role, 'analyst');
  const instruments = useInstruments();
  const [params, setParams] = useSearchParams();
  const list = instruments.data?.instruments ?? [];
  // Symbol and horizon live in the URL so a reload or a shared link opens the same forecast.
  const instrument = list.find((i) => i.symbol === params.get('symbol')) ?? list[0] ?? null;
  const symbol = instrument?.symbol ?? null;
  const horizon = params.get('horizon') ?? '1';
  const select = (next: { symbol?: string; horizon?: string }) =>
    setParams(
      (prev) => {
        const out = new URLSearchParams(prev);
        if (next.symbol !== undefined) out.set('symbol', next.symbol);
        if (next.horizon !== undefined) out.set('horizon', next.horizon);
        return out;
      },
      { replace: true },
    );

  const forecast = useForecast(symbol, horizon);
  const answer = forecast.data;
  const run = useServingRun(answer?.model.name ?? null, answer?.model.version ?? null);
  const predictions = usePredictions(answer ? symbol : null, horizon);
  const timeframe = answer?.timeframe ?? preferredTimeframe(instrument);
  const bars = useBars(symbol ? { symbol, timeframe, limit: CHART_BARS } : null);
  const training = useForecastTraining(() => void forecast.refetch());

  const history = useMemo(
    () => (bars.data && answer ? historyUpTo(bars.data.bars, answer.asOf) : []),
    [bars.data, answer],
  );
  const fan = useMemo(() => (answer ? buildForecastFan(answer) : null), [answer]);
  const metrics = useMemo(() => (run.data ? splitRunMetrics(run.data.metrics) : null), [run.data]);
  const accuracy = useMemo(
    () => (predictions.data ? buildAccuracySeries(predictions.data.predictions) : []),
    [predictions.data],
  );

  return (
    <>
      <PageHeader
        title="Forecasts"
        description="The champion model's forecast with its interval, beside a naive baseline, and how it has done."
      />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <Panel title="Instrument and horizon" className="self-start">
          {instruments.isPending ? (
            <Loading label="Loading instruments…" />
          ) : instruments.isError ? (
            <ErrorNotice error={instruments.error} onRetry={() => void instruments.refetch()} />
          ) : list.length === 0 ? (
            <EmptyState title="No instruments yet">Upload price data on the Data page first.</EmptyState>
          ) : (
            <div className="flex flex-col gap-4">
              <div className="flex flex-wrap items-end gap-3">
                <Field label="Instrument" className="min-w-48 flex-1">
                  {(id) => (
                    <Select
                      id={id}
                      data-testid="forecast-symbol"
                      value={symbol ?? ''}
                      onChange={(e) => {
                        training.reset();
                        select({ symbol: e.target.value });
                      }}
                    >
                      {list.map((i) => (
                        <option key={i.symbol} value={i.symbol}>
                          {i.symbol}
                          {i.synthetic ? ' (synthetic)' : ''}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                <Field label="Horizon (bars ahead)" className="w-36">
                  {(id) => (
                    <TextInput
                      id={id}
                      data-testid="forecast-horizon"
                      inputMode="numeric"
                      value={horizon}
                      onChange={(e) => {
                        training.reset();
                        select({ horizon: e.target.value.trim() });
                      }}
                    />
                  )}
                </Field>
              </div>
              {canTrain ? (
                <div className="flex flex-col gap-3 border-t border-slate-100 pt-4">
                  <p className="text-xs text-slate-500">
                    Train a model on the stored {timeframe} bars with walk-forward evaluation. The new version becomes
                    the <em>challenger</em> (and the <em>champion</em> when there is none); promote it on the Models
                    page.
                  </p>
                  <ForecastTrainForm
                    running={training.busy}
                    onTrain={({ model, interval }) => {
                      if (!symbol) return;
                      training.reset();
                      training.train({
                        symbol,
                        timeframe,
                        model,
                        horizon: Number(horizon),
                        interval,
                        window: 'expanding',
                      });
                    }}
                  />
                  {training.phase ? <ForecastTrainProgress phase={training.phase} /> : null}
                  {training.error ? <ForecastError error={training.error} testId="forecast-train-error" /> : null}
                </div>
              ) : (
                <p className="text-sm text-slate-500">Training needs the analyst role; you can read the forecasts.</p>
              )}
            </div>
          )}
        </Panel>
        <Panel
          title={
            <span className="flex items-center gap-2">
              Current forecast
              {symbol ? <span className="font-mono font-normal text-slate-500">{symbol}</span> : null}
              {instrument?.synthetic ? <SyntheticBadge /> : null}
            </span>
          }
          className="self-start"
        >
          {!symbol ? (
            <EmptyState title="Select an instrument" />
          ) : forecast.isPending ? (
            <Loading label="Loading the forecast…" />
          ) : forecast.isError ? (
            <ForecastError error={forecast.error} />
          ) : answer ? (
            <ForecastCurrent answer={answer} />
          ) : null}
        </Panel>
      </div>
      {answer ? (
        <>
          <div className="mt-5">
            <Panel title="Price and forecast">
              {bars.isError ? (
                <ErrorNotice error={bars.error} title="Could not load the bars" onRetry={() => void bars.refetch()} />
              ) : (
                <ForecastChart history={history} fan={fan} synthetic={instrument?.synthetic ?? false} />
              )}
              <p className="mt-2 text-xs text-slate-500">
                {fan
                  ? `After the last bar: the expected price ${answer.horizon} bar${answer.horizon === 1 ? '' : 's'} ahead (dot) and the ${Math.round(answer.forecast.interval * 100)}% interval (dashed).`
                  : 'This model forecasts the direction only (a probability), so there is no price to draw.'}
              </p>
            </Panel>
          </div>
          <div className="mt-5 grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,7fr)_minmax(0,5fr)]">
            <Panel title="Walk-forward metrics vs the baseline">
              {run.isError ? (
                <ErrorNotice error={run.error} title="Could not load the model's run" />
              ) : !metrics || !run.data ? (
                <Loading label="Loading metrics…" />
              ) : (
                <ForecastMetricsTable
                  model={metrics.model}
                  baseline={metrics.baseline}
                  // The API names the baseline by what the stored model holds; the run's `baseline` param of
                  // runs from before 'base-rate' existed says 'zero' for a direction model's.
                  baselineName={answer.baseline.name}
                  interval={answer.forecast.interval}
                />
              )}
            </Panel>
            <Panel title="Accuracy over time">
              {predictions.isError ? (
                <ErrorNotice error={predictions.error} title="Could not load past predictions" />
              ) : !predictions.data ? (
                <Loading label="Loading predictions…" />
              ) : accuracy.length === 0 ? (
                <EmptyState title="No realised predictions yet">
                  Predictions are stored as new bars arrive and scored once the bar {horizon} ahead is in.
                </EmptyState>
              ) : (
                <div className="flex flex-col gap-2">
                  <p className="text-xs text-slate-500">
                    Rolling directional accuracy{' '}
                    <span className="font-mono font-semibold text-slate-700">
                      {predictions.data.rollingAccuracy === null
                        ? '—'
                        : `${(predictions.data.rollingAccuracy * 100).toFixed(1)}%`}
                    </span>{' '}
                    over {predictions.data.realisedCount} realised predictions (50% is a coin flip).
                  </p>
                  <ForecastAccuracyChart points={accuracy} />
                </div>
              )}
            </Panel>
          </div>
        </>
      ) : null}
    </>
  );
}
