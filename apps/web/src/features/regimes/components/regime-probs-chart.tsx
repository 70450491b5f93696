import type { RegimeSeries, RegimeState } from '@marketlens/contracts';
import { useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDate } from '../../../shared/format/format';
import { formatPercent } from '../model/regime-format';

const key = (index: number) => `p${index}`;

/** Posterior probability of each regime over time, stacked to 100%, in the legend's colours. */
export function RegimeProbsChart(props: {
  series: RegimeSeries;
  states: readonly RegimeState[];
  colors: readonly string[];
}) {
  const { series, states } = props;
  const data = useMemo(
    () =>
      series.dates.map((date, i) => {
        const row: Record<string, number> = { t: Date.parse(date) };
        series.probs[i]?.forEach((p, k) => (row[key(k)] = p));
        return row;
      }),
    [series],
  );
  return (
    <div data-testid="regime-probs-chart" data-points={data.length} className="h-[180px] w-full">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} stackOffset="expand" margin={{ top: 4, right: 0, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#f1f5f9" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(t: number) => formatDate(new Date(t).toISOString()).slice(0, 7)}
            tick={{ fontSize: 11, fill: '#64748b' }}
            minTickGap={40}
          />
          <YAxis
            orientation="right"
            tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
            tick={{ fontSize: 11, fill: '#64748b' }}
            width={56}
            ticks={[0, 0.5, 1]}
          />
          <Tooltip
            labelFormatter={(t) => formatDate(new Date(Number(t)).toISOString())}
            formatter={(value, name) => [formatPercent(Number(value)), String(name)]}
            contentStyle={{ fontSize: 12 }}
          />
          {states.map((state) => (
            <Area
              key={state.index}
              dataKey={key(state.index)}
              name={state.name}
              stackId="p"
              type="linear"
              stroke="none"
              fill={props.colors[state.index]}
              fillOpacity={0.85}
              isAnimationActive={false}
              dot={false}
              activeDot={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
