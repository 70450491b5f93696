import type { BacktestResultDto } from '@marketlens/contracts';
import { useMemo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDate } from '../../../shared/format/format';
import { formatShare, formatSignedShare } from '../../../shared/format/metric-format';
import { equitySeries, wantsLogScale } from '../model/equity-series';

const STRATEGY = '#0284c7';
const HOLD = '#94a3b8';
const SYNC = 'backtest-equity';

const day = (t: number) => formatDate(new Date(t).toISOString());
const multiple = (v: number) => `${Number(v.toPrecision(2))}×`;
const axis = { fontSize: 11, fill: '#64748b' };

const timeAxis = (
  <XAxis
    dataKey="t"
    type="number"
    scale="time"
    domain={['dataMin', 'dataMax']}
    tickFormatter={day}
    tick={axis}
    minTickGap={40}
  />
);

/**
 * Equity (growth of 1) beside buy-and-hold over the same bars, and below it the fall of each from its
 * highest value so far, with the strategy's largest fall shaded. Recharts, not lightweight-charts: these are
 * statistics of a run (DESIGN.md §5 keeps lightweight-charts for prices), and Recharts gives the two linked
 * charts, a log axis and a legend with little code; the curve has at most 2,000 points.
 */
export function EquityChart({ result }: { result: BacktestResultDto }) {
  const points = useMemo(() => equitySeries(result.equityCurve), [result.equityCurve]);
  const log = wantsLogScale(points);
  const [low, high] = useMemo(() => {
    let min = Infinity;
    let max = -Infinity;
    for (const p of points) {
      min = Math.min(min, p.equity, p.buyAndHold);
      max = Math.max(max, p.equity, p.buyAndHold);
    }
    return [min * 0.95, max * 1.05];
  }, [points]);
  const dd = result.metrics.drawdown;
  const shade =
    dd.peakTime && dd.troughTime && dd.value > 0
      ? { x1: Date.parse(dd.peakTime), x2: Date.parse(dd.recoveryTime ?? dd.troughTime) }
      : null;

  return (
    <div
      data-testid="equity-chart"
      data-points={points.length}
      data-scale={log ? 'log' : 'linear'}
      className="flex flex-col gap-1"
    >
      <div className="h-[260px] w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} syncId={SYNC} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#f1f5f9" />
            {timeAxis}
            <YAxis
              scale={log ? 'log' : 'linear'}
              domain={[low, high]}
              allowDataOverflow
              tickFormatter={multiple}
              tick={axis}
              width={48}
            />
            <Tooltip
              contentStyle={{ fontSize: 12 }}
              labelFormatter={(t) => day(Number(t))}
              formatter={(value) => formatSignedShare(Number(value) - 1)}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line dataKey="buyAndHold" name="Buy & hold" stroke={HOLD} dot={false} isAnimationActive={false} />
            <Line
              dataKey="equity"
              name="Strategy"
              stroke={STRATEGY}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <div className="h-[150px] w-full" data-testid="drawdown-chart">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} syncId={SYNC} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#f1f5f9" />
            {timeAxis}
            <YAxis
              tickFormatter={(v: number) => formatShare(v)}
              tick={axis}
              width={48}
              // Down to the next 10% below the deepest fall, so the ticks land on round numbers.
              domain={[(min: number) => Math.min(-0.1, Math.floor(min * 10) / 10), 0]}
            />
            <Tooltip
              contentStyle={{ fontSize: 12 }}
              labelFormatter={(t) => day(Number(t))}
              formatter={(value) => formatShare(Number(value))}
            />
            {shade ? <ReferenceArea x1={shade.x1} x2={shade.x2} fill="#fecdd3" fillOpacity={0.35} /> : null}
            <Line
              dataKey="buyAndHoldDrawdown"
              name="Buy & hold drawdown"
              stroke={HOLD}
              dot={false}
              isAnimationActive={false}
            />
            <Area
              dataKey="drawdown"
              name="Strategy drawdown"
              stroke="#e11d48"
              fill="#fda4af"
              fillOpacity={0.5}
              dot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <p className="text-xs text-slate-500">
        Growth of 1 on a {log ? 'log' : 'linear'} scale, strategy marked to market at each close; buy-and-hold is close
        over the first bar&rsquo;s open. Below: the fall from each one&rsquo;s highest value so far; shaded, the
        strategy&rsquo;s largest fall{shade && !dd.recoveryTime ? ' (not recovered by the end)' : ''}.
        {result.equityCurve.totalPoints > points.length
          ? ` ${points.length} of ${result.equityCurve.totalPoints} points, keeping each stretch's low and high.`
          : ''}
      </p>
    </div>
  );
}
