// Pure detection for the price alert kinds: which bars cross a level, and which start a large move. Both
// fire on the bar where the condition *becomes* true, not on every bar it stays true, so a price that sits
// above a level raises one alert, not one per bar.

export interface CloseBar {
  ts: number;
  close: number;
}

export type CrossDirection = 'above' | 'below' | 'either';

/** Bars whose close crossed `level` from the previous close (`previous` is the close before the first bar). */
export function levelCrossings(
  previous: number | null,
  bars: readonly CloseBar[],
  level: number,
  direction: CrossDirection,
): Array<{ bar: CloseBar; side: 'above' | 'below'; from: number }> {
  const out: Array<{ bar: CloseBar; side: 'above' | 'below'; from: number }> = [];
  let prev = previous;
  for (const bar of bars) {
    if (prev !== null) {
      const up = prev < level && bar.close >= level;
      const down = prev > level && bar.close <= level;
      if (up && direction !== 'below') out.push({ bar, side: 'above', from: prev });
      if (down && direction !== 'above') out.push({ bar, side: 'below', from: prev });
    }
    prev = bar.close;
  }
  return out;
}

/**
 * Bars where the move over the last `window` bars (close / close `window` bars earlier - 1) reaches `pct` in
 * the wanted direction while the previous bar's move had not (in that direction: a reversal is a new move). `history` holds the closes just before the
 * first new bar (at least `window` of them for the first bars to be judged; fewer: those bars are skipped).
 */
export function largeMoves(
  history: readonly number[],
  bars: readonly CloseBar[],
  pct: number,
  window: number,
  direction: 'up' | 'down' | 'either',
): Array<{ bar: CloseBar; move: number; from: number }> {
  const closes = [...history, ...bars.map((b) => b.close)];
  const offset = history.length;
  // The side a move is on (null: below the threshold, or not asked for); NaN has no side.
  const side = (move: number) =>
    direction !== 'down' && move >= pct ? 'up' : direction !== 'up' && move <= -pct ? 'down' : null;
  const moveAt = (i: number) => (i - window >= 0 ? closes[i]! / closes[i - window]! - 1 : Number.NaN);
  const out: Array<{ bar: CloseBar; move: number; from: number }> = [];
  for (let j = 0; j < bars.length; j++) {
    const i = offset + j;
    const move = moveAt(i);
    const now = side(move);
    if (now === null) continue;
    // Still the same large move as on the bar before: it was raised then.
    if (side(moveAt(i - 1)) === now) continue;
    out.push({ bar: bars[j]!, move, from: closes[i - window]! });
  }
  return out;
}
