import type { RegimeSeries, RegimeState } from '@marketlens/contracts';
import { formatDate } from '../../../shared/format/format';
import { formatPercent } from '../model/regime-format';

/**
 * Says what the lower pane is and reads it out: each regime's smoothed probability on the hovered bar,
 * or on the last bar while the pointer is off the chart.
 */
export function RegimeProbsReadout(props: {
  series: RegimeSeries;
  states: readonly RegimeState[];
  colors: readonly string[];
  /** Index of the hovered row; null for the last one. */
  row: number | null;
}) {
  const { series } = props;
  const last = series.dates.length - 1;
  const row = props.row === null ? last : Math.min(Math.max(props.row, 0), last);
  const date = series.dates[row];
  if (date === undefined) return null;
  return (
    <p
      data-testid="regime-probs-readout"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500"
    >
      <span>
        Lower pane: regime probabilities (smoothed) on{' '}
        <time className="font-mono text-slate-700" dateTime={date}>
          {formatDate(date)}
        </time>
        {props.row === null ? ' (last bar; point at the chart for another)' : ''}
      </span>
      {props.states.map((state) => (
        <span key={state.index} className="flex items-center gap-1">
          <span aria-hidden className="size-2 rounded-sm" style={{ backgroundColor: props.colors[state.index] }} />
          {state.name}
          <span className="font-mono text-slate-700 tabular-nums">
            {formatPercent(series.probs[row]?.[state.index] ?? null)}
          </span>
        </span>
      ))}
    </p>
  );
}
