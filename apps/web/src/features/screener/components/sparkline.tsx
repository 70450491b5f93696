import { useSparkline } from '../api/sparklines.api';
import { sparklinePoints, sparklineTrend } from '../model/sparkline-path';

const WIDTH = 80;
const HEIGHT = 20;
const STROKE = { up: '#059669', down: '#e11d48', flat: '#64748b' } as const;

/** A row's last three months of closes as a tiny polyline, green when it ended higher, red when lower. */
export function Sparkline({ symbol }: { symbol: string }) {
  const { data } = useSparkline(symbol);
  if (!data || data.length < 2) {
    return <span aria-hidden className="block h-5 w-20" data-testid="sparkline-empty" />;
  }
  const trend = sparklineTrend(data);
  return (
    <svg
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`${symbol}: last ${data.length} closes, ${trend}`}
      data-testid="sparkline"
      data-points={data.length}
      className="block"
    >
      <polyline
        points={sparklinePoints(data, WIDTH, HEIGHT, 1.5)}
        fill="none"
        stroke={STROKE[trend]}
        strokeWidth={1.25}
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}
