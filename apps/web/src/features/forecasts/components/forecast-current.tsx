import type { ForecastAnswer, ForecastValue } from '@marketlens/contracts';
import { formatDateTime } from '../../../shared/format/format';
import { Badge } from '../../../shared/ui/badge';
import { baselineLabel, describeBaseline } from '../model/forecast-metrics';

const price = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const pct = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(2)}%`;

function Value({ value, testId }: { value: ForecastValue; testId?: string }) {
  if (value.kind === 'direction') {
    return (
      <div data-testid={testId}>
        <p className="font-mono text-2xl font-semibold tabular-nums">
          {value.probUp === null ? '—' : `${(value.probUp * 100).toFixed(1)}%`}
        </p>
        <p className="text-xs text-slate-500">probability the close is higher</p>
      </div>
    );
  }
  return (
    <div data-testid={testId}>
      <p className="font-mono text-2xl font-semibold tabular-nums">
        {value.expectedPrice === null ? '—' : price.format(value.expectedPrice)}
        {value.logReturn === null ? null : (
          <span className="ml-2 text-sm font-normal text-slate-500">{pct(Math.expm1(value.logReturn))}</span>
        )}
      </p>
      {value.lower !== null && value.upper !== null ? (
        <p className="text-xs text-slate-500">
          {Math.round(value.interval * 100)}% interval{' '}
          <span className="font-mono tabular-nums">
            {price.format(value.lower)} – {price.format(value.upper)}
          </span>
        </p>
      ) : null}
    </div>
  );
}

/** The champion's forecast beside the baseline's, with which model version answered and from which bar. */
export function ForecastCurrent({ answer }: { answer: ForecastAnswer }) {
  const { model } = answer;
  return (
    <div
      data-testid="forecast-current"
      data-model-version={model.version}
      data-model-alias={model.alias}
      className="grid grid-cols-1 gap-4 sm:grid-cols-2"
    >
      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
          <span className="font-mono font-semibold text-slate-800">{model.name}</span>
          <Badge tone="info">v{model.version}</Badge>
          <Badge tone={model.alias === 'champion' ? 'success' : 'neutral'}>{model.alias}</Badge>
          <span className="text-slate-500">{model.algorithm}</span>
        </div>
        <Value value={answer.forecast} testId="forecast-expected" />
        <p className="text-xs text-slate-500">
          {answer.horizon} bar{answer.horizon === 1 ? '' : 's'} after the bar of {formatDateTime(answer.asOf)} (close{' '}
          <span className="font-mono">{price.format(answer.lastClose)}</span>)
          {answer.cached ? (
            <span data-testid="forecast-cached" className="ml-1 text-slate-400" title="Answered from the cache">
              · cached
            </span>
          ) : null}
        </p>
      </div>
      <div className="flex flex-col gap-2 rounded-md bg-slate-50 p-3">
        <p className="text-xs font-medium text-slate-600" title={describeBaseline(answer.baseline.name) ?? undefined}>
          Beside it: the {baselineLabel(answer.baseline.name)}
        </p>
        <Value value={answer.baseline.forecast} />
      </div>
    </div>
  );
}
