/** A series too short to backtest a strategy on: it needs more bars than its rules take to warm up. */
export class TooFewBarsError extends Error {
  override readonly name = 'TooFewBarsError';
  constructor(
    readonly received: number,
    readonly required: number,
    /** What was read, e.g. "1h bars of BTCUSDT from 2024-01-01T00:00:00.000Z". */
    readonly what: string,
  ) {
    super(
      `${received} ${what}: the strategy needs at least ${required} (its rules warm up over ${required - 1} bars, ` +
        'then one more bar fills an order)',
    );
  }
}
