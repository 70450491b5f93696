import type { RegimeFitSummary } from '@marketlens/contracts';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** BIC of each candidate K when the number of states was "auto"; the lowest wins. */
export function RegimeBicChart({
  bicByK,
  chosen,
}: {
  bicByK: NonNullable<RegimeFitSummary['bicByK']>;
  chosen: number;
}) {
  return (
    <div data-testid="regime-bic-chart" className="flex flex-col gap-1">
      <p className="text-xs text-slate-500">
        <span className="font-semibold text-sky-700">BIC</span> (lower is better) and{' '}
        <span className="font-semibold text-slate-500">AIC</span> by number of states; the dashed line marks the chosen
        K.
      </p>
      <div className="h-[180px] w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={bicByK} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#f1f5f9" />
            <XAxis dataKey="states" tick={{ fontSize: 11, fill: '#64748b' }} />
            <YAxis
              domain={['auto', 'auto']}
              tickFormatter={(v: number) => compact.format(v)}
              tick={{ fontSize: 11, fill: '#64748b' }}
              width={48}
            />
            <Tooltip
              labelFormatter={(k) => `${String(k)} states`}
              formatter={(value, name) => [Number(value).toFixed(1), String(name).toUpperCase()]}
              contentStyle={{ fontSize: 12 }}
            />
            <ReferenceLine x={chosen} stroke="#10b981" strokeDasharray="4 3" />
            <Line dataKey="bic" stroke="#0284c7" strokeWidth={2} isAnimationActive={false} dot={{ r: 3 }} />
            <Line dataKey="aic" stroke="#94a3b8" strokeWidth={1.5} isAnimationActive={false} dot={{ r: 2 }} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
