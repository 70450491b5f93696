import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CurvePoint } from '../model/compare-table';
import { formatMetricValue } from '../../../shared/format/metric-format';

/** Distinct, colour-blind-friendly line colours for up to 5 overlaid runs. */
export const RUN_COLORS = ['#0284c7', '#ea580c', '#059669', '#7c3aed', '#db2777'] as const;

/** One metric's curve (value by step) for one or several runs, overlaid. */
export function MetricCurvesChart({
  metricKey,
  data,
  runs,
}: {
  metricKey: string;
  data: readonly CurvePoint[];
  runs: readonly { runId: string; label: string }[];
}) {
  return (
    <div data-testid="models-metric-chart" data-metric={metricKey} className="h-[220px] w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data as CurvePoint[]} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#f1f5f9" />
          <XAxis
            dataKey="step"
            tick={{ fontSize: 11, fill: '#64748b' }}
            label={{ value: 'step', position: 'insideBottomRight', fontSize: 11, fill: '#94a3b8', offset: -2 }}
          />
          <YAxis
            domain={['auto', 'auto']}
            tick={{ fontSize: 11, fill: '#64748b' }}
            tickFormatter={(v: number) => formatMetricValue(metricKey, v)}
            width={60}
          />
          <Tooltip
            contentStyle={{ fontSize: 12 }}
            labelFormatter={(step) => `step ${String(step)}`}
            formatter={(value) => formatMetricValue(metricKey, Number(value))}
          />
          {runs.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
          {runs.map((run, i) => (
            <Line
              key={run.runId}
              dataKey={run.runId}
              name={run.label}
              stroke={RUN_COLORS[i % RUN_COLORS.length]}
              strokeWidth={2}
              dot={{ r: 2 }}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
