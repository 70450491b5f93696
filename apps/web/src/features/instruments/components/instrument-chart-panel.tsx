import type { Instrument, Timeframe } from '@marketlens/contracts';
import { useMemo, useState } from 'react';
import { formatInteger } from '../../../shared/format/format';
import { cx } from '../../../shared/ui/cx';
import { Panel } from '../../../shared/ui/panel';
import { EmptyState, ErrorNotice, Loading, Spinner } from '../../../shared/ui/states';
import { useBars } from '../api/instruments.api';
import { CHART_RANGES, MAX_CHART_BARS, rangeStart, type ChartRange } from './chart-range';
import { PriceChart } from './price-chart';
import { SyntheticBadge } from './synthetic-badge';

function Segmented<T extends string>(props: {
  label: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div
      role="group"
      aria-label={props.label}
      className="inline-flex rounded-md border border-slate-300 bg-white p-0.5"
    >
      {props.options.map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={option === props.value}
          onClick={() => props.onChange(option)}
          className={cx(
            'rounded px-2 py-0.5 text-xs font-semibold',
            option === props.value ? 'bg-slate-900 text-white' : 'text-slate-600 hover:bg-slate-100',
          )}
        >
          {option}
        </button>
      ))}
    </div>
  );
}

export function InstrumentChartPanel({ instrument }: { instrument: Instrument }) {
  const timeframes = instrument.timeframes.map((tf) => tf.timeframe);
  const [chosenTimeframe, setTimeframe] = useState<Timeframe | null>(null);
  const [range, setRange] = useState<ChartRange>('1Y');
  const timeframe = chosenTimeframe && timeframes.includes(chosenTimeframe) ? chosenTimeframe : timeframes[0];
  const coverage = instrument.timeframes.find((tf) => tf.timeframe === timeframe);

  const params = useMemo(
    () =>
      coverage && timeframe
        ? {
            symbol: instrument.symbol,
            timeframe,
            from: rangeStart(range, coverage.last),
            limit: MAX_CHART_BARS,
          }
        : null,
    [instrument.symbol, timeframe, range, coverage],
  );
  const bars = useBars(params);

  const title = (
    <span className="flex min-w-0 items-center gap-2">
      <span className="font-mono whitespace-nowrap">{instrument.symbol}</span>
      {instrument.name ? <span className="truncate font-normal text-slate-500">{instrument.name}</span> : null}
      {instrument.synthetic ? <SyntheticBadge /> : null}
    </span>
  );
  const actions = (
    <>
      {bars.isFetching ? <Spinner /> : null}
      {timeframes.length > 1 && timeframe ? (
        <Segmented label="Timeframe" options={timeframes} value={timeframe} onChange={setTimeframe} />
      ) : null}
      <Segmented label="Range" options={CHART_RANGES} value={range} onChange={setRange} />
    </>
  );

  return (
    <Panel title={title} actions={actions}>
      {!params ? (
        <EmptyState title="No bars stored for this instrument">Upload a CSV to add prices.</EmptyState>
      ) : bars.isError ? (
        <ErrorNotice error={bars.error} title="Could not load bars" onRetry={() => void bars.refetch()} />
      ) : !bars.data ? (
        <Loading label="Loading bars…" />
      ) : bars.data.bars.length === 0 ? (
        <EmptyState title="No bars in this range" />
      ) : (
        <>
          <PriceChart bars={bars.data.bars} synthetic={bars.data.synthetic} />
          <p className="mt-2 text-xs text-slate-500">
            {formatInteger(bars.data.bars.length)} {bars.data.timeframe} bars
            {bars.data.bars.length >= MAX_CHART_BARS ? ` (most recent ${formatInteger(MAX_CHART_BARS)})` : ''}
          </p>
        </>
      )}
    </Panel>
  );
}
