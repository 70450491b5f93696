/**
 * The points of an SVG polyline drawing `values` into a `width` x `height` box (y grows downwards), with `pad`
 * pixels kept free top and bottom so the stroke is not clipped. A flat series is a line across the middle.
 */
export function sparklinePoints(values: readonly number[], width: number, height: number, pad = 1): string {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2) return '';
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const span = high - low;
  const step = width / (finite.length - 1);
  const inner = height - 2 * pad;
  return finite
    .map((v, i) => {
      const y = span === 0 ? height / 2 : pad + inner * (1 - (v - low) / span);
      return `${round(i * step)},${round(y)}`;
    })
    .join(' ');
}

const round = (v: number) => Math.round(v * 10) / 10;

/** Up when the last close is above the first, down when below. */
export function sparklineTrend(values: readonly number[]): 'up' | 'down' | 'flat' {
  const first = values[0];
  const last = values.at(-1);
  if (first === undefined || last === undefined || first === last) return 'flat';
  return last > first ? 'up' : 'down';
}
