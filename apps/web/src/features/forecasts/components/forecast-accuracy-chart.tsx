import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AccuracyPoint } from '../model/accuracy-series';

const pct = (v: number) => `${(v * 100).toFixed(0)}%`;

/** Realised vs predicted log returns of past forecasts, and the rolling share of right directions. */
export function ForecastAccuracyChart({ points }: { points: readonly AccuracyPoint[] }) {
  return (
    <div data-testid="forecast-accuracy-chart" className="h-[240px] w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points as AccuracyPoint[]} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#f1f5f9" />
          <XAxis dataKey="date" tick={{ fontSize: 11, fill: '#64748b' }} minTickGap={24} />
          <YAxis
            yAxisId="ret"
            tick={{ fontSize: 11, fill: '#64748b' }}
            tickFormatter={(v: number) => v.toFixed(3)}
            width={52}
          />
          <YAxis
            yAxisId="acc"
            orientation="right"
            domain={[0, 1]}
            tickFormatter={pct}
            tick={{ fontSize: 11, fill: '#64748b' }}
            width={40}
          />
          <Tooltip contentStyle={{ fontSize: 12 }} formatter={(value) => Number(value).toFixed(4)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line
            yAxisId="ret"
            dataKey="realised"
            name="Realised log return"
            stroke="#94a3b8"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            yAxisId="ret"
            dataKey="predicted"
            name="Predicted"
            stroke="#0284c7"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            yAxisId="acc"
            dataKey="rollingAccuracy"
            name="Rolling directional accuracy"
            stroke="#10b981"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
